/**
 * Post-call analysis: after a call's end is stored, a small pool reads its record and transcript and stores a
 * summary, sentiment, tags, call success, the ended reason and the agent's custom fields on the record. The embedded
 * {@link dev.voiceengine.control.analysis.HeuristicAnalyzer} does it with plain rules (labelled "heuristic"); an
 * agent with a model configured gets {@link dev.voiceengine.control.analysis.ModelAnalyzer}, which falls back to the
 * rules when the model fails. Analysis never delays the storage of call events.
 */
package dev.voiceengine.control.analysis;
