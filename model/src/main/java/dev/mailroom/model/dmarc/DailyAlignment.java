package dev.mailroom.model.dmarc;

import java.time.LocalDate;

/** One day of a domain's trend: messages reported and how many passed DMARC. */
public record DailyAlignment(LocalDate day, long messages, long dmarcPass) {}
