package dev.mailroom.model.common;

/** The request clashes with the current state (a duplicate name, an archived tenant being edited). */
public final class Conflict extends MailroomException {
    public Conflict(String message) {
        super(message);
    }
}
