/**
 * The control plane: the call store, the calls API and API keys, behind one facade ({@link
 * dev.voiceengine.control.ControlPlane}) that the server wires to the media engine's call events.
 */
package dev.voiceengine.control;
