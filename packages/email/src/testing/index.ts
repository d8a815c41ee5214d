export { startSmtpSink, type SmtpSink, type SmtpAttempt, type SmtpDecide, type ReceivedMail, type Rejection } from './smtp-sink';
