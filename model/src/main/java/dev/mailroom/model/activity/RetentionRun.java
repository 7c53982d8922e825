package dev.mailroom.model.activity;

import java.time.LocalDate;

/** What one retention run did: raw events from before {@code cutoff} (a UTC day) dropped in that many tenants. */
public record RetentionRun(LocalDate cutoff, int tenants, long dropped, boolean cancelled) {}
