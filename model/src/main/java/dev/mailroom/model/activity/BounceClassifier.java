package dev.mailroom.model.activity;

import java.util.Optional;
import java.util.Set;

/**
 * Hard or soft, by the RFC 3463 status code. A hard bounce suppresses the address for good, so it
 * is kept for the codes that say <em>the address itself</em> is dead; every other failure is soft
 * (it counts toward the "5 soft bounces in 30 days → on hold for 72 hours" rule instead).
 *
 * <p>The rule:
 * <ul>
 *   <li>{@code 2.x.x}: not a failure ({@link Severity#NONE}).</li>
 *   <li>{@code 4.x.x}, or any code on a "delayed" notice: {@link Severity#SOFT}. The server says
 *       it may still work.</li>
 *   <li>{@code 5.x.x}: {@link Severity#HARD} for the address codes
 *       {@code 5.1.1} bad destination mailbox, {@code 5.1.2} bad destination system (the domain does
 *       not exist), {@code 5.1.3} bad mailbox address syntax, {@code 5.1.6} mailbox has moved,
 *       {@code 5.1.10} the domain accepts no mail (RFC 7505 null MX), {@code 5.2.1} mailbox
 *       disabled, and {@code 5.4.4} unable to route (no host for the domain).</li>
 *   <li>every other {@code 5.x.x} is {@link Severity#SOFT}. These mean a condition that passes
 *       ({@code 5.2.2} mailbox full, {@code 5.2.3}/{@code 5.3.4} message too big, {@code 5.3.x}
 *       system, {@code 5.4.x} network, {@code 5.4.7} expired), a problem with the <em>sender</em> or
 *       the content rather than the address ({@code 5.1.7}/{@code 5.1.8} sender address,
 *       {@code 5.7.x} policy, spam, authentication, blocklists; {@code 5.6.x} content;
 *       {@code 5.5.x} protocol), or nothing specific ({@code 5.0.0}, {@code 5.1.0}, and
 *       providers' private details such as Microsoft's {@code 5.1.351}). Suppressing a recipient
 *       for ever because the sending IP was on a blocklist would punish the wrong party.</li>
 *   <li>no code at all: soft.</li>
 * </ul>
 *
 * <p>A code that names only its class or subject ({@code 5.0.0}, {@code 5.5.0}, {@code 5.1.0}: any
 * code whose detail is 0; {@code 5.0.x}; a provider's private three-digit routing detail such as
 * Microsoft's {@code 5.4.310} "DNS domain does not exist") says nothing about the address, so there the rule is applied to the code
 * the server's wording implies, when it implies one ("550 5.0.0 Unknown user" → {@code 5.1.1},
 * hard; "554 5.0.0 rejected for policy reasons" → {@code 5.7.1}, soft). The reported status stays
 * the server's own. The same holds for a {@code 5.7.1} whose wording says the mailbox does not
 * exist (decision 0045).
 */
public final class BounceClassifier {
    private static final Set<String> DEAD_ADDRESS = Set.of("1.1", "1.2", "1.3", "1.6", "1.10", "2.1", "4.4");

    private BounceClassifier() {}

    public static Severity severity(DeliveryAction action, Optional<EnhancedStatus> status) {
        switch (action) {
            case DELIVERED:
            case RELAYED:
            case EXPANDED:
                return Severity.NONE;
            case DELAYED:
                return Severity.SOFT;
            default:
                return status.map(BounceClassifier::severity).orElse(Severity.SOFT);
        }
    }

    /**
     * @param impliedByWording the code the diagnostic text implies (same class), used only when
     *     {@code status} has detail 0
     */
    public static Severity severity(
            DeliveryAction action, Optional<EnhancedStatus> status, Optional<EnhancedStatus> impliedByWording) {
        Optional<EnhancedStatus> code = status;
        if (status.isPresent()
                && impliedByWording.isPresent()
                && impliedByWording.get().statusClass() == status.get().statusClass()
                && (generic(status.get()) || misusedPolicyCode(status.get(), impliedByWording.get()))) {
            code = impliedByWording;
        }
        return severity(action, code);
    }

    /**
     * Many servers answer an unknown user with the generic policy code ("550 5.7.1 No such user",
     * qmail's "badrcptto … (#5.7.1)"): a {@code x.7.1} whose wording says the mailbox does not exist
     * is read as {@code x.1.1}. Only that pair: a blocklisting or spam 5.7.1 stays soft.
     */
    private static boolean misusedPolicyCode(EnhancedStatus given, EnhancedStatus implied) {
        boolean unknownUser = implied.subject() == 1 && implied.detail() == 1;
        // Microsoft 365 answers an address its directory does not hold with "550 5.4.1 Recipient address
        // rejected: Access denied" (directory-based edge blocking): the same misuse, of a routing code.
        return unknownUser
                && ((given.subject() == 7 && given.detail() == 1) || (given.subject() == 4 && given.detail() == 1));
    }

    /**
     * A code that says only its class: detail 0 ("5.0.0", "5.1.0"), subject 0 ("5.0.1", undefined by
     * RFC 3463), or a provider's private three-digit routing detail ("5.4.310" DNS domain does not
     * exist, "5.4.312" DNS query failed), whose meaning the wording gives. Microsoft's "5.1.351" stays
     * as it is (sisimai reads it as a filter, not a dead address).
     */
    private static boolean generic(EnhancedStatus s) {
        return s.detail() == 0 || s.subject() == 0 || (s.subject() == 4 && s.detail() >= 100);
    }

    public static Severity severity(EnhancedStatus status) {
        if (status.isSuccess()) {
            return Severity.NONE;
        }
        if (status.isTransient()) {
            return Severity.SOFT;
        }
        return DEAD_ADDRESS.contains(status.subject() + "." + status.detail()) ? Severity.HARD : Severity.SOFT;
    }
}
