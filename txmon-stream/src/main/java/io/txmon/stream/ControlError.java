package io.txmon.stream;

/** A control message the job refused, with why: the running rules and model stay. */
public record ControlError(String origin, String kind, String reason, long receivedAtMillis) {}
