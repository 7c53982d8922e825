package dev.mailroom.mailer.dns;

import dev.mailroom.model.domains.dns.DnsAnswer;
import dev.mailroom.model.domains.dns.DnsLookup;
import dev.mailroom.model.domains.dns.DnsStatus;
import dev.mailroom.model.domains.dns.DnsType;
import dev.mailroom.model.domains.dns.ResolverSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.ResolverConfig;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import org.xbill.DNS.WireParseException;

/**
 * The {@link DnsLookup} port over dnsjava, asking exactly the resolvers of a {@link ResolverSettings}
 * (the system's when the setting names none). Each server is asked in turn, up to the setting's number of
 * attempts, each waiting the setting's timeout; a server that times out, fails (SERVFAIL) or refuses is
 * followed by the next. A UDP answer with the TC bit is asked again over TCP (dnsjava's
 * {@link SimpleResolver} does that). CNAME chains are followed, whether the server sent the whole chain
 * or only its first link, up to {@link #MAX_CNAME_HOPS} aliases; a chain that returns to a name it passed
 * is reported as a loop.
 */
public final class DnsjavaLookup implements DnsLookup {
    /** How many aliases a chain may have before it counts as a loop (resolvers commonly stop near 8–16). */
    public static final int MAX_CNAME_HOPS = 10;

    private static final Logger LOG = LoggerFactory.getLogger(DnsjavaLookup.class);

    private final ResolverSettings settings;
    private final List<SimpleResolver> resolvers;
    private final String servers;

    public DnsjavaLookup(ResolverSettings settings) {
        this.settings = settings;
        List<InetSocketAddress> addresses = new ArrayList<>();
        if (settings.usesSystemDefault()) {
            addresses.addAll(ResolverConfig.getCurrentConfig().servers());
        } else {
            for (ResolverSettings.Server s : settings.servers()) {
                try {
                    // The setting holds IP literals only, so this resolves nothing over the network.
                    addresses.add(new InetSocketAddress(InetAddress.getByName(s.address()), s.port()));
                } catch (UnknownHostException e) {
                    throw new IllegalArgumentException("not an IP address: " + s.address(), e);
                }
            }
        }
        if (addresses.isEmpty()) {
            addresses.add(new InetSocketAddress(InetAddress.getLoopbackAddress(), 53));
        }
        List<SimpleResolver> list = new ArrayList<>();
        for (InetSocketAddress a : addresses) {
            SimpleResolver r = new SimpleResolver(a);
            r.setTimeout(settings.timeout());
            r.setTCP(false);
            r.setIgnoreTruncation(false);
            list.add(r);
        }
        this.resolvers = List.copyOf(list);
        this.servers =
                String.join(", ", addresses.stream().map(DnsjavaLookup::show).toList());
    }

    /** The servers this adapter asks, as text ("127.0.0.1:5353, 9.9.9.9"). */
    public String servers() {
        return servers;
    }

    @Override
    public DnsAnswer lookup(String rawName, DnsType type) {
        String name = rawName == null ? "" : rawName.trim();
        String shown = name.endsWith(".") && name.length() > 1 ? name.substring(0, name.length() - 1) : name;
        Name qname;
        try {
            qname = toName(name);
        } catch (TextParseException e) {
            return DnsAnswer.failed(shown, type, DnsStatus.BAD_NAME, badNameReason(name, e));
        }
        int qtype = Type.value(type.name());
        List<String> chain = new ArrayList<>();
        chain.add(shown);
        Set<Name> seen = new HashSet<>();
        seen.add(qname);
        Name current = qname;

        for (int round = 0; round <= MAX_CNAME_HOPS; round++) {
            Outcome o = ask(current, qtype);
            if (o.failure != null) {
                return new DnsAnswer(shown, type, o.failure, List.of(), chainOrEmpty(chain), o.detail);
            }
            Message m = o.message;
            Name at = current;
            // Walk the aliases the server already followed.
            if (qtype != Type.CNAME) {
                while (true) {
                    CNAMERecord alias = cnameAt(m, at);
                    if (alias == null) {
                        break;
                    }
                    at = alias.getTarget();
                    chain.add(at.toString(true));
                    if (!seen.add(at)) {
                        return loop(shown, type, chain, "The alias leads back to " + at.toString(true) + ".");
                    }
                    if (chain.size() - 1 > MAX_CNAME_HOPS) {
                        return loop(shown, type, chain, "Mailroom follows at most " + MAX_CNAME_HOPS + " aliases.");
                    }
                }
            }
            List<String> values = new ArrayList<>();
            for (Record r : m.getSection(Section.ANSWER)) {
                if (r.getType() == qtype && r.getName().equals(at)) {
                    values.add(value(r));
                }
            }
            if (!values.isEmpty()) {
                return new DnsAnswer(shown, type, DnsStatus.FOUND, values, chainOrEmpty(chain), "");
            }
            int rcode = m.getRcode();
            if (rcode == Rcode.NXDOMAIN) {
                return new DnsAnswer(shown, type, DnsStatus.NXDOMAIN, List.of(), chainOrEmpty(chain), "");
            }
            if (at.equals(current)) {
                return new DnsAnswer(shown, type, DnsStatus.NO_DATA, List.of(), chainOrEmpty(chain), "");
            }
            current = at; // the server stopped at an alias: ask about its target ourselves
        }
        return loop(shown, type, chain, "Mailroom follows at most " + MAX_CNAME_HOPS + " aliases.");
    }

    private static DnsAnswer loop(String shown, DnsType type, List<String> chain, String why) {
        return new DnsAnswer(shown, type, DnsStatus.CNAME_LOOP, List.of(), chain, why);
    }

    private static List<String> chainOrEmpty(List<String> chain) {
        return chain.size() > 1 ? chain : List.of();
    }

    private static CNAMERecord cnameAt(Message m, Name owner) {
        for (Record r : m.getSection(Section.ANSWER)) {
            if (r instanceof CNAMERecord c && r.getName().equals(owner)) {
                return c;
            }
        }
        return null;
    }

    private record Outcome(Message message, DnsStatus failure, String detail) {}

    private Outcome ask(Name name, int qtype) {
        Message query = Message.newQuery(Record.newRecord(name, qtype, DClass.IN));
        DnsStatus worst = DnsStatus.TIMEOUT;
        List<String> what = new ArrayList<>();
        int timeouts = 0;
        for (int attempt = 0; attempt < settings.attempts(); attempt++) {
            for (SimpleResolver r : resolvers) {
                String server = show(r.getAddress());
                try {
                    Message m = r.send(query);
                    int rcode = m.getRcode();
                    if (rcode == Rcode.NOERROR || rcode == Rcode.NXDOMAIN) {
                        return new Outcome(m, null, "");
                    }
                    if (rcode == Rcode.SERVFAIL) {
                        worst = rank(worst, DnsStatus.SERVER_FAILURE);
                        what.add(server + " answered SERVFAIL");
                    } else if (rcode == Rcode.REFUSED || rcode == Rcode.NOTIMP) {
                        worst = rank(worst, DnsStatus.REFUSED);
                        what.add(server + " answered " + Rcode.string(rcode));
                    } else {
                        worst = rank(worst, DnsStatus.ERROR);
                        what.add(server + " answered " + Rcode.string(rcode) + ", an error code");
                    }
                } catch (SocketTimeoutException e) {
                    timeouts++;
                } catch (PortUnreachableException e) {
                    worst = rank(worst, DnsStatus.ERROR);
                    what.add("nothing listens for DNS at " + server);
                } catch (WireParseException e) {
                    worst = rank(worst, DnsStatus.ERROR);
                    what.add(server + " sent an answer that could not be read (" + e.getMessage() + ")");
                } catch (IOException e) {
                    if (isTimeout(e)) {
                        timeouts++;
                    } else {
                        worst = rank(worst, DnsStatus.ERROR);
                        what.add(server + " could not be reached (" + e.getMessage() + ")");
                    }
                }
            }
        }
        if (timeouts > 0) {
            what.add(
                    0,
                    "Asked " + servers + " " + times(settings.attempts()) + ", waiting " + seconds(settings.timeout())
                            + " each time; " + timeouts + (timeouts == 1 ? " question" : " questions")
                            + " got no answer");
        }
        String detail = String.join("; ", dedupe(what)) + ".";
        LOG.debug("DNS {} {}: {} ({})", name, Type.string(qtype), worst, detail);
        return new Outcome(null, worst, detail);
    }

    private static List<String> dedupe(List<String> items) {
        return new ArrayList<>(new java.util.LinkedHashSet<>(items));
    }

    /** The more telling of two failures: a real answer (SERVFAIL, REFUSED) says more than silence. */
    private static DnsStatus rank(DnsStatus a, DnsStatus b) {
        List<DnsStatus> order =
                List.of(DnsStatus.TIMEOUT, DnsStatus.ERROR, DnsStatus.REFUSED, DnsStatus.SERVER_FAILURE);
        return order.indexOf(b) > order.indexOf(a) ? b : a;
    }

    private static boolean isTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException
                    || t instanceof java.util.concurrent.TimeoutException
                    || (t.getMessage() != null
                            && t.getMessage().toLowerCase(Locale.ROOT).contains("timed out"))) {
                return true;
            }
        }
        return false;
    }

    private static String times(int n) {
        return n == 1 ? "once" : n == 2 ? "twice" : n + " times";
    }

    private static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + " s" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    private static String show(InetSocketAddress a) {
        String host = a.getAddress().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return a.getPort() == 53 ? host : host + ":" + a.getPort();
    }

    static Name toName(String name) throws TextParseException {
        if (name.isEmpty()) {
            throw new TextParseException("the name is empty");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c > 127) {
                throw new TextParseException(
                        "it contains a non-ASCII character (write international names in their xn-- form)");
            }
            if (c < ' ' || c == 127) {
                throw new TextParseException("it contains a control character");
            }
        }
        if (name.contains("..") || name.startsWith(".")) {
            throw new TextParseException("it contains an empty label (two dots in a row)");
        }
        return Name.fromString(name.endsWith(".") ? name : name + ".");
    }

    private static String badNameReason(String name, TextParseException e) {
        String msg = e.getMessage() == null ? "" : e.getMessage();
        if (msg.contains("label too long") || msg.contains("Label too long")) {
            return "One of its parts is longer than 63 characters.";
        }
        if (msg.contains("name too long") || msg.contains("Name too long")) {
            return "It is longer than 253 characters.";
        }
        return msg.isEmpty() ? "" : Character.toUpperCase(msg.charAt(0)) + msg.substring(1) + ".";
    }

    static String value(Record r) {
        if (r instanceof ARecord a) {
            return a.getAddress().getHostAddress();
        }
        if (r instanceof AAAARecord a) {
            return a.getAddress().getHostAddress();
        }
        if (r instanceof MXRecord mx) {
            return mx.getPriority() + " " + mx.getTarget().toString(true);
        }
        if (r instanceof TXTRecord t) {
            StringBuilder sb = new StringBuilder();
            for (byte[] s : t.getStringsAsByteArrays()) {
                sb.append(new String(s, StandardCharsets.UTF_8));
            }
            return sb.toString();
        }
        if (r instanceof CNAMERecord c) {
            return c.getTarget().toString(true);
        }
        if (r instanceof NSRecord ns) {
            return ns.getTarget().toString(true);
        }
        if (r instanceof PTRRecord p) {
            return p.getTarget().toString(true);
        }
        return r.rdataToString();
    }
}
