package dev.mailroom.model.domains.spf;

/** An SPF record (or a macro in it) is not written as RFC 7208 requires. The message says where, in words. */
public final class SpfSyntaxException extends Exception {
    private static final long serialVersionUID = 1L;

    public SpfSyntaxException(String message) {
        super(message);
    }
}
