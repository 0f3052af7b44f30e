/**
 * What the control plane asks of the engine: place, end and steer calls. The engine (server) implements
 * {@link dev.voiceengine.control.commands.CallCommands}; the REST API, the dial queue and the gRPC control service call
 * it. Commands return at once; what then happens to the call comes back as call events.
 */
package dev.voiceengine.control.commands;
