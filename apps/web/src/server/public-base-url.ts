import { webEnv } from './env';

export function publicBaseUrl(): string {
  return webEnv().PUBLIC_WEB_URL;
}
