export { startSmtpSink, type SmtpSink, type SmtpAttempt, type SmtpDecide, type ReceivedMail, type Rejection } from './smtp-sink';
export { startCountingSmtpSink, messageIdOf, type CountingSmtpSink, type CountingSmtpSinkOptions, type CountedMail } from './counting-sink';
