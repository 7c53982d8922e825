package dev.mailroom.mailer.providers;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A provider API on loopback (the JDK's HttpServer): answers per method and path, records every request,
 * and can misbehave for real (a connection closed mid-answer, an answer slower than the client waits).
 * An optional check (an OpenAPI spec) looks at every request; what it finds is kept in {@link #violations()}.
 */
public final class ApiStub implements AutoCloseable {
    /** One request as it arrived. Header names lower-case. */
    public record Request(String method, String path, String rawQuery, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
            return v == null || v.isEmpty() ? null : v.get(0);
        }

        public Map<String, String> query() {
            Map<String, String> q = new LinkedHashMap<>();
            if (rawQuery != null && !rawQuery.isEmpty()) {
                for (String pair : rawQuery.split("&")) {
                    int eq = pair.indexOf('=');
                    String k =
                            java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                    String v = eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                    q.put(k, v);
                }
            }
            return q;
        }
    }

    /** What to answer. */
    public record Reply(int status, Map<String, String> headers, String body, Fault fault, Duration delay) {
        public enum Fault {
            NONE,
            /** Announces the whole body, sends half, and closes the connection. */
            BREAK_MID_BODY
        }

        public static Reply json(int status, String body) {
            return new Reply(status, Map.of("Content-Type", "application/json"), body, Fault.NONE, Duration.ZERO);
        }

        public static Reply of(int status, Map<String, String> headers, String body) {
            return new Reply(status, headers, body, Fault.NONE, Duration.ZERO);
        }

        public Reply withHeader(String name, String value) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put(name, value);
            return new Reply(status, h, body, fault, delay);
        }

        public Reply brokenMidBody() {
            return new Reply(status, headers, body, Fault.BREAK_MID_BODY, delay);
        }

        public Reply after(Duration d) {
            return new Reply(status, headers, body, fault, d);
        }
    }

    private final HttpServer server;
    private final Map<String, Function<Request, Reply>> routes = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final Function<Request, List<String>> check;

    public ApiStub(Function<Request, List<String>> check) throws IOException {
        this.check = check;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(16, r -> {
            Thread t = new Thread(r, "api-stub");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    public static ApiStub unchecked() throws IOException {
        return new ApiStub(r -> List.of());
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers {@code method path} (the path without its query) with what {@code reply} makes of the request. */
    public ApiStub on(String method, String path, Function<Request, Reply> reply) {
        routes.put(method + " " + path, reply);
        return this;
    }

    public List<Request> requests() {
        return Collections.unmodifiableList(requests);
    }

    public List<String> violations() {
        return List.copyOf(violations);
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            Map<String, List<String>> headers = new LinkedHashMap<>();
            x.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
            Request r = new Request(
                    x.getRequestMethod(),
                    x.getRequestURI().getRawPath(),
                    x.getRequestURI().getRawQuery(),
                    headers,
                    new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            requests.add(r);
            for (String v : check.apply(r)) {
                violations.add(r.method() + " " + r.path() + ": " + v);
            }
            Function<Request, Reply> route = routes.get(r.method() + " " + r.path());
            Reply reply = route == null ? Reply.json(404, "{\"message\":\"no stub for this\"}") : route.apply(r);
            if (!reply.delay().isZero()) {
                try {
                    Thread.sleep(reply.delay().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            reply.headers().forEach((k, v) -> x.getResponseHeaders().add(k, v));
            byte[] body = reply.body() == null ? new byte[0] : reply.body().getBytes(StandardCharsets.UTF_8);
            if (reply.fault() == Reply.Fault.BREAK_MID_BODY) {
                x.sendResponseHeaders(reply.status(), body.length);
                OutputStream out = x.getResponseBody();
                out.write(body, 0, body.length / 2);
                out.flush();
                // closing the exchange with the body unfinished makes the server drop the connection
                try {
                    x.close();
                } catch (RuntimeException expected) {
                    // "insufficient bytes written": the point of this fault
                }
                return;
            }
            x.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                x.getResponseBody().write(body);
            }
        } catch (IOException | RuntimeException e) {
            violations.add("stub failed: " + e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    public static List<String> none() {
        return new ArrayList<>();
    }
}
