package dev.mailroom.model.activity;

/** What an incoming message turned out to be. */
public enum ReportKind {
    /** A delivery status notification (RFC 3464 or a non-standard bounce): one entry per recipient. */
    DELIVERY_STATUS,
    /** A feedback report (RFC 5965 ARF, or a provider's look-alike): a complaint or an opt-out. */
    FEEDBACK,
    /** An RFC 3834 automatic reply (vacation, out of office): records nothing. */
    AUTO_REPLY,
    /** An ordinary message: records nothing. */
    NOT_A_REPORT,
    /** The message could not be read at all (empty, not MIME, cut off before any header). */
    UNREADABLE
}
