// Puppeteer always drives Debian's Chromium; it never downloads a browser of its own.
module.exports = {
  skipDownload: true,
  executablePath: process.env.PUPPETEER_EXECUTABLE_PATH || '/usr/bin/chromium',
};
