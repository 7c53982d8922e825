package dev.mailroom.model.sending;

import dev.mailroom.model.common.Problems;
import dev.mailroom.model.common.Text;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a person fills in for a provider API connection (MailerSend or SendGrid). Field names match the
 * form's.
 *
 * @param key the API token or key; empty when editing means "keep the stored one"
 * @param onBehalfOf SendGrid only: the subuser to act for with the parent account's key
 * @param baseUrl empty for the provider's own address; otherwise HTTPS (HTTP only to this computer)
 * @param maxRequests requests in flight at once
 * @param ratePerSecond requests per second at most; 0 for no limit of our own (the provider's still holds)
 */
public record ApiConnectionDraft(
        String name,
        SendingEnvironment environment,
        ConnectionKind kind,
        Optional<Secret> key,
        Optional<String> onBehalfOf,
        Optional<String> baseUrl,
        int maxRequests,
        int ratePerSecond) {

    private static final Set<String> LOCAL = Set.of("localhost", "127.0.0.1", "[::1]");

    public ApiConnectionDraft {
        key = key == null ? Optional.empty() : key;
        onBehalfOf = onBehalfOf == null ? Optional.empty() : onBehalfOf;
        baseUrl = baseUrl == null ? Optional.empty() : baseUrl;
    }

    /** Trimmed and checked; throws {@link dev.mailroom.model.common.InvalidInput} per field. */
    public ApiConnectionDraft validated() {
        String n = Text.trimmed(name).replaceAll("\\s+", " ");
        Optional<Secret> k = key.map(s -> Secret.of(s.reveal().strip())).filter(s -> !s.isEmpty());
        Optional<String> subuser = onBehalfOf.map(Text::trimmed).filter(s -> !s.isEmpty());
        Optional<String> url =
                baseUrl.map(Text::trimmed).filter(s -> !s.isEmpty()).map(s -> s.replaceAll("/+$", ""));
        Problems p = new Problems()
                .check(!n.isEmpty(), "name", "Give the connection a name, such as \"SendGrid production\".")
                .check(n.length() <= 80, "name", "Keep the name to 80 characters or fewer.")
                .check(environment != null, "environment", "Choose production or staging.")
                .check(kind != null && kind.isApi(), "kind", "Choose MailerSend API or SendGrid API.");
        if (kind != null && kind.isApi()) {
            String what = kind.secretName();
            k.ifPresent(s -> p.check(s.reveal().length() <= 1000, "key", "Keep the " + what + " to 1000 characters.")
                    .check(
                            s.reveal().chars().noneMatch(c -> c <= ' ' || c == 0x7f),
                            "key",
                            "The " + what + " has spaces or line breaks in it; paste it again as one piece.")
                    .check(
                            kind != ConnectionKind.SENDGRID_API || s.reveal().startsWith("SG."),
                            "key",
                            "SendGrid API keys begin with \"SG.\"; this looks like something else."));
            p.check(
                    subuser.isEmpty() || kind.hasSubusers(),
                    "onBehalfOf",
                    kind.label() + " has no subusers; leave this empty.");
            subuser.ifPresent(s -> p.check(
                    s.length() <= 64 && s.chars().allMatch(ApiConnectionDraft::subuserChar),
                    "onBehalfOf",
                    "A subuser name is up to 64 letters, digits, dots, dashes, underscores or @."));
            url.ifPresent(u -> p.check(
                    usableBaseUrl(u),
                    "baseUrl",
                    "The API address must start with https:// (http:// only to this computer)."));
        }
        p.check(maxRequests >= 1 && maxRequests <= 32, "maxRequests", "Allow from 1 to 32 requests at once.")
                .check(
                        ratePerSecond >= 0 && ratePerSecond <= 10_000,
                        "ratePerSecond",
                        "The rate is from 0 (no limit) to 10000 requests a second.");
        p.throwIfAny();
        return new ApiConnectionDraft(n, environment, kind, k, subuser, url, maxRequests, ratePerSecond);
    }

    /** The address in use: the given one, else the provider's. */
    public String effectiveBaseUrl() {
        return baseUrl.or(kind::defaultBaseUrl).orElseThrow();
    }

    /** The host of the API address ("api.sendgrid.com"). */
    public String host() {
        try {
            return new URI(effectiveBaseUrl()).getHost().toLowerCase(Locale.ROOT);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("validated address", e);
        }
    }

    /** The port of the API address (443 for HTTPS unless given). */
    public int port() {
        try {
            URI u = new URI(effectiveBaseUrl());
            return u.getPort() > 0 ? u.getPort() : "https".equals(u.getScheme()) ? 443 : 80;
        } catch (URISyntaxException e) {
            throw new IllegalStateException("validated address", e);
        }
    }

    private static boolean subuserChar(int c) {
        return Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_' || c == '@';
    }

    private static boolean usableBaseUrl(String s) {
        if (s.length() > 500) {
            return false;
        }
        try {
            URI u = new URI(s);
            if (u.getHost() == null
                    || u.getRawQuery() != null
                    || u.getRawFragment() != null
                    || u.getUserInfo() != null) {
                return false;
            }
            String host = u.getHost().toLowerCase(Locale.ROOT);
            return "https".equals(u.getScheme()) || ("http".equals(u.getScheme()) && LOCAL.contains(host));
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
