package dev.mailroom.model.common;

/** The thing asked for does not exist, or the actor may not know that it exists. */
public final class NotFound extends MailroomException {
    public NotFound(String message) {
        super(message);
    }
}
