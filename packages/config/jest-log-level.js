// In-process code under test logs through @undersigned/log (the signer's batch lines, fail-open
// warnings): only warnings and errors reach the test output unless LOG_LEVEL says otherwise.
// Processes the tests spawn get their own LOG_LEVEL from testEnv (@undersigned/testing).
process.env.LOG_LEVEL ??= 'warn';
