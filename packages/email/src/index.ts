export { emailEnv, emailEnvSchema, type EmailEnv } from './env';
export {
  createMailer,
  classifySmtpError,
  describeSmtpError,
  domainOf,
  type Mailer,
  type MailerOptions,
  type OutgoingMail,
  type SentMail,
  type SmtpFailure,
} from './transport';
export {
  ConfirmSignatureEmail,
  renderConfirmSignatureEmail,
  confirmUrl,
  type ConfirmSignatureProps,
  type EmailLocale,
  type RenderedEmail,
} from './templates/confirm-signature';
export { DeliveryEmail, renderDeliveryEmail, deliverySubject, type DeliveryEmailProps } from './templates/delivery';
export { CampaignUpdateEmail, renderCampaignUpdateEmail, listUnsubscribeHeaders, type CampaignUpdateEmailProps } from './templates/campaign-update';
