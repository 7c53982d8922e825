package dev.mailroom.model.domains.spf;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** IP address helpers that never touch DNS: literals only. */
public final class IpAddresses {
    private static final Pattern V4 = Pattern.compile("^(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})$");
    private static final Pattern V6_CHARS = Pattern.compile("^[0-9A-Fa-f:.]+$");

    private IpAddresses() {}

    /**
     * Reads an IPv4 or IPv6 literal. An IPv4-mapped IPv6 address ({@code ::ffff:192.0.2.1}) comes back as
     * the IPv4 address, as SPF treats it.
     */
    public static Optional<InetAddress> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String s = text.trim();
        try {
            var m = V4.matcher(s);
            if (m.matches()) {
                byte[] b = new byte[4];
                for (int i = 0; i < 4; i++) {
                    int v = Integer.parseInt(m.group(i + 1));
                    if (v > 255) {
                        return Optional.empty();
                    }
                    b[i] = (byte) v;
                }
                return Optional.of(InetAddress.getByAddress(b));
            }
            if (s.contains(":") && V6_CHARS.matcher(s).matches()) {
                // With a colon and only these characters Java parses a literal and never asks DNS.
                return Optional.of(InetAddress.getByName(s));
            }
        } catch (UnknownHostException | NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    public static boolean isV4(InetAddress a) {
        return a instanceof Inet4Address;
    }

    /** True when both are of one family and agree on the first {@code prefix} bits. */
    public static boolean inNetwork(InetAddress ip, InetAddress network, int prefix) {
        byte[] a = ip.getAddress();
        byte[] b = network.getAddress();
        if (a.length != b.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != b[i]) {
                return false;
            }
        }
        int bits = prefix % 8;
        if (bits == 0) {
            return true;
        }
        int mask = (0xff << (8 - bits)) & 0xff;
        return (a[full] & mask) == (b[full] & mask);
    }

    /** The name to ask PTR for: {@code 4.3.2.1.in-addr.arpa} or the nibbles under {@code ip6.arpa}. */
    public static String reverseName(InetAddress ip) {
        return reversedDots(ip) + (isV4(ip) ? ".in-addr.arpa" : ".ip6.arpa");
    }

    /** The address as SPF's %{i} writes it: dotted quad, or 32 dot-separated upper-case nibbles (as RFC 7208 §7.4 shows). */
    public static String dotted(InetAddress ip) {
        byte[] b = ip.getAddress();
        StringBuilder sb = new StringBuilder();
        if (isV4(ip)) {
            for (int i = 0; i < 4; i++) {
                if (i > 0) {
                    sb.append('.');
                }
                sb.append(b[i] & 0xff);
            }
            return sb.toString();
        }
        for (int i = 0; i < b.length; i++) {
            if (i > 0) {
                sb.append('.');
            }
            sb.append(Character.toUpperCase(Character.forDigit((b[i] >> 4) & 0xf, 16)))
                    .append('.')
                    .append(Character.toUpperCase(Character.forDigit(b[i] & 0xf, 16)));
        }
        return sb.toString();
    }

    private static String reversedDots(InetAddress ip) {
        String[] parts = dotted(ip).split("\\.");
        StringBuilder sb = new StringBuilder();
        for (int i = parts.length - 1; i >= 0; i--) {
            sb.append(parts[i]);
            if (i > 0) {
                sb.append('.');
            }
        }
        return sb.toString();
    }

    /** The address as people write it: dotted quad, or compressed lower-case IPv6 (RFC 5952). */
    public static String human(InetAddress ip) {
        if (isV4(ip)) {
            return dotted(ip);
        }
        byte[] b = ip.getAddress();
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (g[i] == 0) {
                int j = i;
                while (j < 8 && g[j] == 0) {
                    j++;
                }
                if (j - i > bestLen && j - i > 1) {
                    bestStart = i;
                    bestLen = j - i;
                }
                i = j;
            } else {
                i++;
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString().toLowerCase(Locale.ROOT);
    }

    static boolean isV6(InetAddress a) {
        return a instanceof Inet6Address;
    }
}
