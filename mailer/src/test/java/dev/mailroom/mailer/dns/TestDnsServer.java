package dev.mailroom.mailer.dns;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * A small authoritative DNS server for tests, on 127.0.0.1 over UDP and TCP (the same random free port),
 * built from dnsjava's own {@link Message} and {@link Record} classes. It serves whatever records the
 * test gives it and can misbehave on purpose:
 *
 * <ul>
 *   <li>{@link Failure#TIMEOUT}: a name that never answers (for the types it has no records of, so that
 *       the OpenSPF suite's "TIMEOUT" entries mean what pyspf's test driver makes them mean);</li>
 *   <li>{@link Failure#SERVFAIL} and {@link Failure#REFUSED}: a name whose questions get that rcode;</li>
 *   <li>{@link Failure#TRUNCATE_UDP}: every UDP answer for the name is cut (TC bit) so the client must ask
 *       again over TCP; an answer too big for the client's UDP size is cut the same way in any case;</li>
 *   <li>CNAME chains (followed inside the data, as real authoritative servers do, unless
 *       {@link #chaseCnames(boolean)} turns that off) and loops; huge TXT records (any size up to what a
 *       DNS message holds, split into strings of 255 bytes).</li>
 * </ul>
 *
 * Names that have no records and are no parent of a name that has some answer NXDOMAIN.
 */
public final class TestDnsServer implements AutoCloseable {
    public enum Failure {
        TIMEOUT,
        SERVFAIL,
        REFUSED,
        TRUNCATE_UDP
    }

    /** One question the server received. */
    public record Query(String name, int type, boolean tcp) {}

    private static final int TTL = 300;
    private static final int MAX_CHASE = 16;

    private final Map<Name, List<Record>> records = new ConcurrentHashMap<>();
    private final Map<Name, Failure> nameFailures = new ConcurrentHashMap<>();
    private final Map<String, Failure> typeFailures = new ConcurrentHashMap<>();
    private final List<Query> queries = new CopyOnWriteArrayList<>();
    private volatile boolean chase = true;
    private volatile boolean silent;
    private volatile boolean truncateAllUdp;
    private volatile long latencyMillis;
    private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger mostInFlight =
            new java.util.concurrent.atomic.AtomicInteger();

    private final DatagramSocket udp;
    private final ServerSocket tcp;
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "test-dns");
        t.setDaemon(true);
        return t;
    });
    private final java.util.concurrent.ScheduledExecutorService delayed =
            Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "test-dns-latency");
                t.setDaemon(true);
                return t;
            });
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    private TestDnsServer(DatagramSocket udp, ServerSocket tcp) {
        this.udp = udp;
        this.tcp = tcp;
        workers.execute(this::udpLoop);
        workers.execute(this::tcpLoop);
    }

    /** Starts a server with no records on a free port of 127.0.0.1. */
    public static TestDnsServer start() {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        IOException last = null;
        for (int i = 0; i < 20; i++) {
            DatagramSocket u = null;
            try {
                u = new DatagramSocket(new InetSocketAddress(loopback, 0));
                ServerSocket t = new ServerSocket();
                t.setReuseAddress(true);
                try {
                    t.bind(new InetSocketAddress(loopback, u.getLocalPort()), 50);
                } catch (IOException busy) {
                    t.close();
                    throw busy;
                }
                return new TestDnsServer(u, t);
            } catch (IOException e) {
                last = e;
                if (u != null) {
                    u.close();
                }
            }
        }
        throw new UncheckedIOException("no free port for the test DNS server", last);
    }

    public int port() {
        return udp.getLocalPort();
    }

    public String host() {
        return "127.0.0.1";
    }

    /** "127.0.0.1:port", as the resolver setting is written. */
    public String address() {
        return host() + ":" + port();
    }

    // ---- data ----

    /** Adds a record written as in a zone file's data part, e.g. {@code add("example.com", Type.MX, "10 mx.example.com.")}. */
    public TestDnsServer add(String name, int type, String rdata) {
        try {
            Name owner = name(name);
            return add(Record.fromString(owner, type, DClass.IN, TTL, rdata, Name.root));
        } catch (IOException e) {
            throw new IllegalArgumentException("bad test record " + name + " " + Type.string(type) + " " + rdata, e);
        }
    }

    public TestDnsServer add(Record r) {
        records.computeIfAbsent(r.getName(), n -> new CopyOnWriteArrayList<>()).add(r);
        return this;
    }

    /**
     * Adds a TXT record made of the given strings, each sent as its UTF-8 bytes (a string longer than 255
     * bytes is split, as a zone file would need). Use {@link #addTxtBytes} for raw bytes.
     */
    public TestDnsServer addTxt(String name, String... strings) {
        List<byte[]> chunks = new ArrayList<>();
        for (String s : strings) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            if (b.length == 0) {
                chunks.add(b);
            }
            for (int i = 0; i < b.length; i += 255) {
                chunks.add(java.util.Arrays.copyOfRange(b, i, Math.min(b.length, i + 255)));
            }
        }
        return addTxtBytes(name, Type.TXT, chunks);
    }

    /** Adds a TXT (or type 99 SPF) record whose strings are exactly these bytes (each at most 255). */
    public TestDnsServer addTxtBytes(String name, int type, List<byte[]> strings) {
        java.io.ByteArrayOutputStream rdata = new java.io.ByteArrayOutputStream();
        for (byte[] s : strings) {
            if (s.length > 255) {
                throw new IllegalArgumentException("a TXT string holds at most 255 bytes");
            }
            rdata.write(s.length);
            rdata.write(s, 0, s.length);
        }
        return add(Record.newRecord(name(name), type, DClass.IN, TTL, rdata.toByteArray()));
    }

    public TestDnsServer cname(String alias, String target) {
        return add(new CNAMERecord(name(alias), DClass.IN, TTL, name(target)));
    }

    /** Makes the name misbehave for every question about it (TIMEOUT: for the types it has no records of). */
    public TestDnsServer fail(String name, Failure failure) {
        nameFailures.put(name(name), failure);
        return this;
    }

    /** Makes only questions of this type about the name misbehave. */
    public TestDnsServer fail(String name, int type, Failure failure) {
        typeFailures.put(key(name(name), type), failure);
        return this;
    }

    /** Whether CNAMEs are followed inside the server's data (true, as real servers do) or returned alone. */
    public TestDnsServer chaseCnames(boolean on) {
        chase = on;
        return this;
    }

    /** Drops every question: a server that is down. */
    public TestDnsServer silent(boolean on) {
        silent = on;
        return this;
    }

    /** Cuts every UDP answer, so every client must come back over TCP. */
    public TestDnsServer truncateAllUdp(boolean on) {
        truncateAllUdp = on;
        return this;
    }

    /**
     * Answers each UDP question only after {@code latency}, as a real resolver a few networks away would;
     * questions wait side by side, so a client's concurrency shows.
     */
    public TestDnsServer latency(Duration latency) {
        latencyMillis = latency.toMillis();
        return this;
    }

    /** The most UDP questions that were waiting for their answer at once since the start (or the last clear). */
    public int mostInFlight() {
        return mostInFlight.get();
    }

    public List<Query> queries() {
        return List.copyOf(queries);
    }

    public long tcpQueries() {
        return queries.stream().filter(Query::tcp).count();
    }

    public void clearQueries() {
        queries.clear();
        mostInFlight.set(0);
    }

    private static Name name(String s) {
        try {
            return Name.fromString(s.endsWith(".") ? s : s + ".");
        } catch (TextParseException e) {
            throw new IllegalArgumentException("bad test name " + s, e);
        }
    }

    private static String key(Name n, int type) {
        return n.toString().toLowerCase(java.util.Locale.ROOT) + "/" + type;
    }

    // ---- answering ----

    /** The answer to a question, or null for "say nothing". */
    Message answer(Message query, boolean overUdp) {
        Record question = query.getQuestion();
        if (question == null) {
            return null;
        }
        Name qname = question.getName();
        int qtype = question.getType();
        queries.add(new Query(qname.toString(true), qtype, !overUdp));
        if (silent) {
            return null;
        }
        Message r = new Message(query.getHeader().getID());
        r.getHeader().setFlag(Flags.QR);
        r.getHeader().setFlag(Flags.AA);
        if (query.getHeader().getFlag(Flags.RD)) {
            r.getHeader().setFlag(Flags.RD);
        }
        r.addRecord(question, Section.QUESTION);
        OPTRecord opt = query.getOPT();
        if (opt != null) {
            r.addRecord(new OPTRecord(4096, 0, 0), Section.ADDITIONAL);
        }

        Failure failure = typeFailures.getOrDefault(key(qname, qtype), nameFailures.get(qname));
        List<Record> own = records.getOrDefault(qname, List.of());
        boolean hasType = own.stream().anyMatch(x -> x.getType() == qtype || qtype == Type.ANY);
        if (failure == Failure.TIMEOUT && (!hasType || typeFailures.containsKey(key(qname, qtype)))) {
            return null;
        }
        if (failure == Failure.SERVFAIL || failure == Failure.REFUSED) {
            r.getHeader().setRcode(failure == Failure.SERVFAIL ? Rcode.SERVFAIL : Rcode.REFUSED);
            return r;
        }

        Name current = qname;
        Set<Name> seen = new HashSet<>();
        seen.add(current);
        for (int hop = 0; hop < MAX_CHASE; hop++) {
            List<Record> at = records.getOrDefault(current, List.of());
            List<Record> matching = at.stream()
                    .filter(x -> x.getType() == qtype || qtype == Type.ANY)
                    .toList();
            if (!matching.isEmpty()) {
                matching.forEach(x -> r.addRecord(x, Section.ANSWER));
                break;
            }
            Record cname = at.stream()
                    .filter(x -> x.getType() == Type.CNAME)
                    .findFirst()
                    .orElse(null);
            if (cname == null) {
                if (!exists(current)) {
                    r.getHeader().setRcode(Rcode.NXDOMAIN);
                }
                break;
            }
            r.addRecord(cname, Section.ANSWER);
            current = ((CNAMERecord) cname).getTarget();
            if (!chase || !seen.add(current)) {
                break;
            }
        }
        return r;
    }

    private boolean exists(Name n) {
        if (records.containsKey(n)) {
            return true;
        }
        for (Name owner : records.keySet()) {
            if (owner.subdomain(n)) {
                return true; // an empty non-terminal
            }
        }
        return false;
    }

    private byte[] forUdp(Message query, Message response) {
        byte[] full = response.toWire();
        OPTRecord opt = query.getOPT();
        int max = opt == null ? 512 : Math.max(512, opt.getPayloadSize());
        Failure failure = typeFailures.getOrDefault(
                key(query.getQuestion().getName(), query.getQuestion().getType()),
                nameFailures.get(query.getQuestion().getName()));
        if (full.length <= max && !truncateAllUdp && failure != Failure.TRUNCATE_UDP) {
            return full;
        }
        Message cut = new Message(response.getHeader().getID());
        cut.setHeader(response.getHeader());
        cut.getHeader().setFlag(Flags.TC);
        for (int s : new int[] {Section.ANSWER, Section.AUTHORITY, Section.ADDITIONAL}) {
            cut.removeAllRecords(s);
        }
        cut.removeAllRecords(Section.QUESTION);
        cut.addRecord(query.getQuestion(), Section.QUESTION);
        return cut.toWire();
    }

    // ---- transport ----

    private void udpLoop() {
        byte[] buf = new byte[65535];
        while (!closed) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                udp.receive(p);
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                continue;
            }
            byte[] data = java.util.Arrays.copyOf(p.getData(), p.getLength());
            InetAddress from = p.getAddress();
            int fromPort = p.getPort();
            mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            Runnable reply = () -> {
                boolean waiting = true;
                try {
                    Message q = new Message(data);
                    Message r = answer(q, true);
                    if (r != null) {
                        byte[] out = forUdp(q, r);
                        // Answered from here on: the client may ask its next question before send returns.
                        inFlight.decrementAndGet();
                        waiting = false;
                        udp.send(new DatagramPacket(out, out.length, from, fromPort));
                    }
                } catch (IOException | RuntimeException ignored) {
                    // a broken question gets no answer
                } finally {
                    if (waiting) {
                        inFlight.decrementAndGet();
                    }
                }
            };
            long wait = latencyMillis;
            if (wait > 0) {
                // Answered later, without holding a thread meanwhile: questions wait side by side.
                delayed.schedule(() -> workers.execute(reply), wait, TimeUnit.MILLISECONDS);
            } else {
                workers.execute(reply);
            }
        }
    }

    private void tcpLoop() {
        while (!closed) {
            Socket s;
            try {
                s = tcp.accept();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                continue;
            }
            connections.add(s);
            workers.execute(() -> serveTcp(s));
        }
    }

    private void serveTcp(Socket s) {
        try (s;
                DataInputStream in = new DataInputStream(s.getInputStream());
                DataOutputStream out = new DataOutputStream(s.getOutputStream())) {
            while (!closed) {
                int len;
                try {
                    len = in.readUnsignedShort();
                } catch (EOFException e) {
                    return;
                }
                byte[] data = new byte[len];
                in.readFully(data);
                Message r = answer(new Message(data), false);
                if (r != null) {
                    byte[] wire = r.toWire(Message.MAXLENGTH);
                    synchronized (out) {
                        out.writeShort(wire.length);
                        out.write(wire);
                        out.flush();
                    }
                }
            }
        } catch (SocketException e) {
            // closed
        } catch (IOException | RuntimeException e) {
            // a broken question ends the connection
        } finally {
            connections.remove(s);
        }
    }

    @Override
    public void close() {
        closed = true;
        delayed.shutdownNow();
        udp.close();
        try {
            tcp.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket s : connections) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        workers.shutdownNow();
        try {
            workers.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
