// electronegativity downloads translations and Electron release notes with `got`; offline (our CI) the
// request times out and a bug in got's retry then crashes the process. Every download it makes is
// optional, so once this is loaded (the gate requires it first) `got` fails at once and
// electronegativity carries on with its bundled data. Nothing else is changed.
const Module = require('node:module');
const load = Module._load;
Module._load = function (request, ...rest) {
  if (request === 'got') {
    const offline = () => Promise.reject(new Error('offline: electronegativity downloads are disabled'));
    return Object.assign(offline, { default: offline, get: offline });
  }
  return load.call(this, request, ...rest);
};
