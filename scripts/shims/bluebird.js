// Bundle-only stand-in for `bluebird`: the `ovh` client uses it only as a Promise
// constructor (requestPromised), which the native Promise provides (saves about 89 KB).
'use strict';
module.exports = Promise;
