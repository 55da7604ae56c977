// In-page instrumentation for bench:call: where Parley's time goes between the accept click and
// the first remote frame. Installed with addInitScript before the web client loads; it only
// watches (wraps getUserMedia, replaceTrack, setParameters, the WebSocket and RTCPeerConnection)
// and polls getStats every few milliseconds from the accept click until both counters moved.
/* global window, document, RTCPeerConnection, RTCRtpSender -- runs in Chromium */

/** Installs window.__timeline: epoch ms of each step after the next click, on this page. */
export function installCallTimeline() {
  const now = () => performance.timeOrigin + performance.now();
  const connections = [];
  let timeline = null;
  const mark = (step) => {
    if (timeline && timeline[step] === undefined) timeline[step] = now();
  };
  window.__timelineStart = (at = now()) => {
    timeline = { start: at };
    window.__timeline = timeline;
    void pollStats();
  };
  document.addEventListener('click', () => window.__timelineArmed && window.__timelineStart(), true);

  const NativePeerConnection = RTCPeerConnection;
  window.RTCPeerConnection = class extends NativePeerConnection {
    constructor(configuration) {
      super(configuration);
      connections.push(this);
    }
  };
  const getUserMedia = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
  navigator.mediaDevices.getUserMedia = async (constraints) => {
    const stream = await getUserMedia(constraints);
    mark('devices_open');
    return stream;
  };
  const replaceTrack = RTCRtpSender.prototype.replaceTrack;
  RTCRtpSender.prototype.replaceTrack = async function (track) {
    await replaceTrack.call(this, track);
    if (track?.kind === 'video') mark('video_attached');
  };
  const setParameters = RTCRtpSender.prototype.setParameters;
  RTCRtpSender.prototype.setParameters = async function (parameters, ...rest) {
    await setParameters.call(this, parameters, ...rest);
    if (this.track?.kind === 'video' && parameters.encodings.some((e) => e.active)) mark('video_attached');
  };
  const onMessage = Object.getOwnPropertyDescriptor(WebSocket.prototype, 'onmessage');
  Object.defineProperty(WebSocket.prototype, 'onmessage', {
    set(handler) {
      onMessage.set.call(this, (event) => {
        if (typeof event.data === 'string' && event.data.includes('"accepted"'))
          mark('accept_reached_caller');
        return handler(event);
      });
    },
    get() {
      return onMessage.get.call(this);
    },
  });
  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function (data) {
    if (typeof data === 'string' && data.includes('"answer-call"')) mark('accept_sent');
    return send.call(this, data);
  };

  async function pollStats() {
    const started = now();
    while (now() - started < 10_000 && !(timeline.first_encoded && timeline.first_decoded)) {
      for (const pc of connections.filter((c) => c.connectionState === 'connected')) {
        (await pc.getStats()).forEach((stat) => {
          if (stat.kind !== 'video') return;
          if (stat.type === 'outbound-rtp' && stat.framesEncoded > 0) mark('first_encoded');
          if (stat.type === 'inbound-rtp' && stat.framesDecoded > 0) mark('first_decoded');
        });
      }
      await new Promise((done) => setTimeout(done, 5));
    }
  }
}
