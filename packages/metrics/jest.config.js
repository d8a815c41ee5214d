module.exports = { ...require('@undersigned/config/jest') };
