package dev.mailroom.model.domains.dns;

import dev.mailroom.model.common.InvalidInput;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which DNS servers to ask, and how patiently: the "DNS resolvers" setting. No servers means the
 * operating system's own resolvers. Servers are asked in order; the next one is tried when one does not
 * answer in time or fails.
 */
public record ResolverSettings(List<Server> servers, Duration timeout, int attempts) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);

    /** One DNS server: an IP address (v4 or v6) and a port. */
    public record Server(String address, int port) {
        public Server {
            Objects.requireNonNull(address, "address");
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
        }

        @Override
        public String toString() {
            return (address.contains(":") ? "[" + address + "]" : address) + (port == 53 ? "" : ":" + port);
        }
    }

    private static final Pattern V4 =
            Pattern.compile("^(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})(?::(\\d+))?$");
    private static final Pattern V6_BRACKETED = Pattern.compile("^\\[([0-9A-Fa-f:.]+)](?::(\\d+))?$");
    private static final Pattern V6_BARE = Pattern.compile("^[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*$");

    public ResolverSettings {
        servers = List.copyOf(servers);
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1");
        }
    }

    public static ResolverSettings systemDefault() {
        return new ResolverSettings(List.of(), DEFAULT_TIMEOUT, 2);
    }

    public static ResolverSettings of(List<Server> servers, Duration timeout, int attempts) {
        return new ResolverSettings(servers, timeout, attempts);
    }

    public boolean usesSystemDefault() {
        return servers.isEmpty();
    }

    /**
     * Reads the setting as a person types it: blank for the system default, or addresses separated by
     * commas, spaces or new lines, each optionally with a port ({@code 9.9.9.9}, {@code 127.0.0.1:5353},
     * {@code 2620:fe::fe}, {@code [::1]:5353}).
     */
    public static ResolverSettings parse(String text, Duration timeout, int attempts) {
        List<Server> list = new ArrayList<>();
        if (text != null) {
            for (String item : text.trim().split("[,;\\s]+")) {
                if (!item.isEmpty()) {
                    list.add(parseServer(item));
                }
            }
        }
        return new ResolverSettings(list, timeout, attempts);
    }

    static Server parseServer(String item) {
        Matcher m = V4.matcher(item);
        if (m.matches()) {
            for (int i = 1; i <= 4; i++) {
                if (Integer.parseInt(m.group(i)) > 255) {
                    throw bad(item, "each part of an IPv4 address is a number from 0 to 255");
                }
            }
            String addr = m.group(1) + "." + m.group(2) + "." + m.group(3) + "." + m.group(4);
            return new Server(addr, port(item, m.group(5)));
        }
        m = V6_BRACKETED.matcher(item);
        if (m.matches()) {
            return new Server(m.group(1), port(item, m.group(2)));
        }
        if (V6_BARE.matcher(item).matches()) {
            return new Server(item, 53);
        }
        throw bad(
                item,
                "write an IP address such as 9.9.9.9 or 127.0.0.1:5353 (host names are not accepted: "
                        + "finding them would itself need DNS)");
    }

    private static int port(String item, String p) {
        if (p == null) {
            return 53;
        }
        int port;
        try {
            port = Integer.parseInt(p);
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 1 || port > 65535) {
            throw bad(item, "the port must be a number from 1 to 65535");
        }
        return port;
    }

    private static InvalidInput bad(String item, String why) {
        return new InvalidInput("resolvers", "\"" + item + "\" is not a DNS server address: " + why + ".");
    }

    /** How the setting reads back: "the system's resolvers" or the list. */
    public String describe() {
        return servers.isEmpty()
                ? "the system's DNS resolvers"
                : String.join(", ", servers.stream().map(Server::toString).toList());
    }
}
