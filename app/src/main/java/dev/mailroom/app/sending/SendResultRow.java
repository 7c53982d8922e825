package dev.mailroom.app.sending;

/** One recipient's outcome in the send dialog's result table. */
public record SendResultRow(String recipient, String state, String reason) {}
