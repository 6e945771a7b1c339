// PartyProtocol's sound: short cues and the lobby loop, played with the Web Audio API from the MP3s in /sounds.
// The TV plays them by default; a phone stays silent unless its owner turns sound on. Volume and mute are remembered
// in this browser (localStorage). Blazor (SoundBoard.cs) says what to play; the countdown's last five ticks are timed
// here, in the browser, from the time left when the clock was drawn, so the server never sends ticks.
const files = { loop: "lobby-loop", join: "join", phase: "phase", tick: "tick", reveal: "reveal", truth: "truth", applause: "applause" };
const state = { role: "tv", settings: { volume: 0.7, muted: false }, log: [], wantLoop: false };
let context = null;
let master = null;
let loopSource = null;
let ticks = [];
const buffers = new Map();

const storageKey = role => `pp-sound-${role}`;

function defaults(role) {
  return { volume: 0.7, muted: role === "phone" };
}

function audio() {
  if (!context) {
    context = new AudioContext();
    master = context.createGain();
    master.connect(context.destination);
    applyVolume();
    // Browsers start audio only after the page was touched: the first touch or key wakes it up.
    if (context.state === "suspended") {
      const wake = () => context.resume().then(() => { if (state.wantLoop) startLoop(); });
      window.addEventListener("pointerdown", wake, { once: true });
      window.addEventListener("keydown", wake, { once: true });
    }
  }
  return context;
}

function applyVolume() {
  if (master) {
    master.gain.value = state.settings.muted ? 0 : state.settings.volume;
  }
}

async function buffer(name) {
  if (!buffers.has(name)) {
    buffers.set(name, fetch(`sounds/${files[name]}.mp3`)
      .then(r => r.arrayBuffer())
      .then(data => audio().decodeAudioData(data))
      .catch(() => null));
  }
  return buffers.get(name);
}

async function startLoop() {
  if (loopSource || state.settings.muted) {
    return;
  }
  const data = await buffer("loop");
  if (!data || loopSource || !state.wantLoop || state.settings.muted) {
    return;
  }
  loopSource = audio().createBufferSource();
  loopSource.buffer = data;
  loopSource.loop = true;
  loopSource.connect(master);
  loopSource.start();
}

function stopLoop() {
  if (loopSource) {
    try { loopSource.stop(); } catch { /* already stopped */ }
    loopSource = null;
  }
}

/** Reads this browser's settings for the role ("tv" or "phone"); exposes window.partySound for tests and curious hosts. */
export function init(role) {
  state.role = role;
  try {
    state.settings = { ...defaults(role), ...JSON.parse(localStorage.getItem(storageKey(role)) ?? "{}") };
  } catch {
    state.settings = defaults(role);
  }
  window.partySound = state;
  return state.settings;
}

/** Changes and remembers the volume (0–1) and mute. */
export function configure(volume, muted) {
  state.settings = { volume: Math.min(1, Math.max(0, volume)), muted: !!muted };
  localStorage.setItem(storageKey(state.role), JSON.stringify(state.settings));
  if (!state.settings.muted) {
    audio().resume?.();
  }
  applyVolume();
  if (state.settings.muted) {
    stopLoop();
  } else if (state.wantLoop) {
    startLoop();
  }
  return state.settings;
}

/** Plays one cue (join, phase, tick, reveal, truth, applause). Every request is logged, heard or not. */
export async function play(name) {
  state.log.push(name);
  if (state.settings.muted || !files[name]) {
    return;
  }
  const data = await buffer(name);
  if (!data) {
    return;
  }
  const source = audio().createBufferSource();
  source.buffer = data;
  source.connect(master);
  source.start();
}

/** The lobby music on or off. */
export function loop(on) {
  state.wantLoop = !!on;
  state.log.push(on ? "loop:on" : "loop:off");
  if (on) {
    startLoop();
  } else {
    stopLoop();
  }
}

/** A tick for each of the last five seconds of a clock with remainingMs left (none while paused). */
export function countdown(remainingMs, paused) {
  ticks.forEach(clearTimeout);
  ticks = [];
  if (paused || !(remainingMs > 0)) {
    return;
  }
  for (let second = 5; second >= 1; second--) {
    const at = remainingMs - second * 1000;
    if (at >= 0) {
      ticks.push(setTimeout(() => play("tick"), at));
    }
  }
}
