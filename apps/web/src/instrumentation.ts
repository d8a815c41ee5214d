// Runs once when the server process boots: refuse to start with a bad environment, naming the
// variable (the build does not need these, so it is checked here rather than in next.config).
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { exitOnInvalidEnv } = await import('./server/boot');
  exitOnInvalidEnv();
}
