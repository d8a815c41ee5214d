// jest globalSetup for packages with integration tests: build the template database once.
import { ensureTestTemplate } from './index';

export default async function globalSetup(): Promise<void> {
  await ensureTestTemplate();
}
