package dev.mailroom.model.common;

/** Something outside Mailroom failed: the store, a DNS server, an SMTP server, a provider's API. */
public final class ExternalFailure extends MailroomException {
    public ExternalFailure(String message) {
        super(message);
    }

    public ExternalFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
