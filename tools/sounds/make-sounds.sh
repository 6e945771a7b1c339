#!/usr/bin/env bash
# Makes the TV's and phones' sound cues in PartyProtocol.Web/wwwroot/sounds from nothing but SoX's synthesiser
# (Debian: apt-get install sox libsox-fmt-mp3). Every sound is original, made by this script, and dedicated to the public
# domain (CC0 1.0, see wwwroot/sounds/LICENSE.txt). Run it again after changing a recipe; the MP3s are committed.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=PartyProtocol.Web/wwwroot/sounds
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"

rate=(-r 22050 -c 1)

# note NAME LENGTH WAVE FREQ [effects…]: one synthesised note as a WAV in $work.
note() {
  local name=$1 length=$2 wave=$3 freq=$4; shift 4
  sox -n "${rate[@]}" "$work/$name.wav" synth "$length" "$wave" "$freq" "$@"
}

# join OUTPUT INPUTS…: notes one after the other.
join() {
  local output=$1; shift
  sox "${@/#/$work/}" "$work/$output.wav"
}

mp3() { sox "$work/$1.wav" -C 64 "$out/$1.mp3"; }

# Lobby loop: a relaxed plucked arpeggio over a soft bass, 8 bars of 1 s, which loops seamlessly.
i=0
for chord in "C4 E4 G4 B4" "A3 C4 E4 G4" "F3 A3 C4 E4" "G3 B3 D4 F4" "C4 E4 G4 B4" "A3 C4 E4 G4" "F3 A3 C4 E4" "G3 B3 D4 G4"; do
  for n in $chord; do note "l$i" 0.25 pluck "$n" fade 0 0.25 0.08 gain -6; i=$((i + 1)); done
done
join lobby-notes $(for k in $(seq 0 $((i - 1))); do echo "l$k.wav"; done)
i=0
for b in C2 A1 F1 G1 C2 A1 F1 G1; do note "b$i" 1 sine "$b" fade 0.02 1 0.3 gain -10; i=$((i + 1)); done
join lobby-bass b0.wav b1.wav b2.wav b3.wav b4.wav b5.wav b6.wav b7.wav
sox -m "$work/lobby-notes.wav" "$work/lobby-bass.wav" "$work/lobby-loop.wav" gain -n -8
mp3 lobby-loop

# A player joined: a bubbly two-note rise.
note j1 0.09 sine E5 fade 0 0.09 0.03
note j2 0.16 sine B5 fade 0 0.16 0.1
join join j1.wav j2.wav
sox "$work/join.wav" "$work/join-out.wav" gain -n -3 && mv "$work/join-out.wav" "$work/join.wav"
mp3 join

# A phase starts: a quick rising three-note chime.
note p1 0.12 triangle C5 fade 0 0.12 0.04
note p2 0.12 triangle E5 fade 0 0.12 0.04
note p3 0.45 triangle G5 fade 0 0.45 0.35
join phase p1.wav p2.wav p3.wav
mp3 phase

# One tick of the last five seconds: a short woodblock-like click.
note tick 0.09 square A5 fade 0 0.09 0.08 gain -4 highpass 800
mp3 tick

# An answer revealed as a lie: a sliding "wah-wah" down.
note r1 0.28 sawtooth 392-330 fade 0 0.28 0.06 gain -8 lowpass 1800
note r2 0.5 sawtooth 311-233 fade 0 0.5 0.3 gain -8 lowpass 1500
join reveal r1.wav r2.wav
mp3 reveal

# The truth: a bright major fanfare.
note t1 0.12 square C5 fade 0 0.12 0.03 gain -10 lowpass 3000
note t2 0.12 square E5 fade 0 0.12 0.03 gain -10 lowpass 3000
note t3 0.12 square G5 fade 0 0.12 0.03 gain -10 lowpass 3000
note t4 0.7 square C6 fade 0 0.7 0.5 gain -10 lowpass 3000
join truth t1.wav t2.wav t3.wav t4.wav
mp3 truth

# Applause on the podium: shaped pink noise with a clapping flutter, swelling and fading over 3.5 s.
sox -n "${rate[@]}" "$work/applause.wav" synth 3.5 pinknoise tremolo 13 70 bandpass 2200 1.5q fade 0.4 3.5 1.6 gain -n -4
mp3 applause

ls -l "$out"
