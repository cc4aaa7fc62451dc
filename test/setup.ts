// Loaded by mocha before any test (see .mocharc.json).
// Tests never read a developer's .env: configuration in tests is always explicit.
process.env.DOTENV_CONFIG_PATH = '/dev/null';
