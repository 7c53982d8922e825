package dev.mailroom.model.suppressions;

import dev.mailroom.model.common.Cancellation;

/**
 * Port: bounces and complaints kept in files a person chose (.eml, one message each, or mbox, many), read
 * one message at a time and handed over like a mailbox's. Nothing is marked: files are not changed, and
 * reading the same file twice records nothing twice (the ingest remembers each report).
 */
public interface ReportFiles {
    /** "2 files (bounces.mbox, …)", for the audit log. */
    String describe();

    /** Reads until every message was offered or {@code cancel} is set; progress counts bytes read of all. */
    void read(MailboxReader.Handler handler, MailboxReader.Progress progress, Cancellation cancel);
}
