package dev.mailroom.model.common;

/** The actor may see the thing but may not do this to it. */
public final class PermissionDenied extends MailroomException {
    public PermissionDenied(String message) {
        super(message);
    }
}
