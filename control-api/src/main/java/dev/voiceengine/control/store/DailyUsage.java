package dev.voiceengine.control.store;

import java.time.LocalDate;

/**
 * The calls of one direction that started on one UTC day: how many, how many were answered, and the seconds they
 * were connected (answered to ended) in all.
 *
 * @param direction as stored (inbound, outbound); null for calls stored without one
 */
public record DailyUsage(LocalDate day, String direction, long calls, long answered, double seconds) {}
