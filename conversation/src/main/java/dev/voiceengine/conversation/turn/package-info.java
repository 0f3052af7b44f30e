/**
 * Turn-taking: from voice activity (and transcript cues) to decisions about who has the floor. When the caller's
 * speech counts as a turn, when the turn is over, and when speech over the agent is an interruption rather than a
 * cough or an "mhm". Pure logic on the call's event loop, driven by sample positions, so it is tested without time.
 */
package dev.voiceengine.conversation.turn;
