// This workspace's tests lint fixtures; they need no database, so no template-database setup.
const { globalSetup: _databaseTemplate, ...preset } = require('./jest.preset.js');

module.exports = preset;
