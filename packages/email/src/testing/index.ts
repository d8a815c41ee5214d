export { startSmtpSink, type SmtpSink, type ReceivedMail, type Rejection } from './smtp-sink';
