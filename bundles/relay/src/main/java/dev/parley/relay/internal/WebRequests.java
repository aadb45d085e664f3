package dev.parley.relay.internal;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.timeout.IdleStateEvent;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The HTTP side of the web port: the WebSocket upgrade at {@code /call} goes on to Netty's WebSocket handler once its
 * Origin is allowed (403 otherwise); GET of anything else is a file of the installed {@link WebAssets}, or 404.
 */
final class WebRequests extends SimpleChannelInboundHandler<FullHttpRequest> {
    static final String CALL_PATH = "/call";

    private final Supplier<RelaySettings> settings;
    private final Supplier<WebAssets> installed;

    WebRequests(Supplier<RelaySettings> settings, Supplier<WebAssets> installed) {
        super(false);
        this.settings = settings;
        this.installed = installed;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (Boolean.TRUE.equals(ctx.channel().attr(WebPort.PLAIN_ON_TLS).get())) {
            redirectToHttps(ctx, request);
            return;
        }
        String path = pathOf(request.uri());
        if (path.equals(CALL_PATH)) {
            String origin = request.headers().get(HttpHeaderNames.ORIGIN);
            if (!originAllowed(origin, request.headers().get(HttpHeaderNames.HOST), settings.get().webAllowedOrigins())) {
                request.release();
                respond(ctx, request, HttpResponseStatus.FORBIDDEN, "text/plain; charset=utf-8",
                        ("pages from " + origin + " may not join calls here (relay setting webAllowedOrigins)\n")
                                .getBytes(StandardCharsets.UTF_8), false);
                return;
            }
            ctx.fireChannelRead(request); // to the WebSocket handler, which upgrades
            return;
        }
        try {
            if (!request.method().equals(HttpMethod.GET) && !request.method().equals(HttpMethod.HEAD)) {
                respond(ctx, request, HttpResponseStatus.METHOD_NOT_ALLOWED, "text/plain; charset=utf-8",
                        "only GET here\n".getBytes(StandardCharsets.UTF_8), false);
                return;
            }
            WebAssets assets = installed.get(); // read per request: a keep-alive connection sees the page come and go
            WebAssets.Asset asset = path.contains("..") ? null : assets.find(path.equals("/") ? "/index.html" : path);
            if (asset == null) {
                String why = assets == WebAssets.NONE
                        ? "no web page is installed on this relay (the ui-web plugin); the call itself is at ws://HOST:PORT/call\n"
                        : "not found\n";
                respond(ctx, request, HttpResponseStatus.NOT_FOUND, "text/plain; charset=utf-8",
                        why.getBytes(StandardCharsets.UTF_8), HttpUtil.isKeepAlive(request));
            } else {
                respond(ctx, request, HttpResponseStatus.OK, asset.contentType(), asset.bytes(), HttpUtil.isKeepAlive(request));
            }
        } finally {
            request.release();
        }
    }

    /**
     * A browser always sends Origin with a WebSocket upgrade; the page's own origin (the same host and port as the
     * request's Host) may connect, and so may the configured ones. A client that sends no Origin is not a browser
     * page, which is what this rule protects: another site's page cannot join calls through a visitor's browser.
     */
    static boolean originAllowed(String origin, String host, String allowed) {
        if (origin == null) return true;
        if (host != null) {
            try {
                URI o = URI.create(origin);
                String authority = o.getRawAuthority();
                if (authority != null && authority.equalsIgnoreCase(host) && ("http".equals(o.getScheme()) || "https".equals(o.getScheme()))) {
                    return true;
                }
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        String o = origin.toLowerCase(Locale.ROOT);
        return Arrays.stream(allowed.split(",")).map(s -> s.strip().toLowerCase(Locale.ROOT))
                .anyMatch(a -> a.equals("*") || (!a.isEmpty() && a.equals(o)));
    }

    /**
     * http:// on a port that speaks https:// (the relay uses TLS): a 308 to the same place over https, so the
     * address a person types works. Nothing else is served in the clear; without a Host there is nowhere to send
     * them, and the answer says what to type.
     */
    private static void redirectToHttps(ChannelHandlerContext ctx, FullHttpRequest request) {
        try {
            String host = request.headers().get(HttpHeaderNames.HOST);
            if (host == null || host.isBlank() || host.contains("/")) {
                respond(ctx, request, HttpResponseStatus.BAD_REQUEST, "text/plain; charset=utf-8",
                        "this port speaks https: open https://HOST:PORT/\n".getBytes(StandardCharsets.UTF_8), false);
                return;
            }
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.PERMANENT_REDIRECT, Unpooled.EMPTY_BUFFER);
            response.headers().set(HttpHeaderNames.LOCATION, "https://" + host + (request.uri().startsWith("/") ? request.uri() : "/"))
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, 0)
                    .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        } finally {
            request.release();
        }
    }

    private static String pathOf(String uri) {
        int end = uri.length();
        int q = uri.indexOf('?');
        if (q >= 0) end = q;
        int h = uri.indexOf('#');
        if (h >= 0 && h < end) end = h;
        return uri.substring(0, end);
    }

    private static void respond(ChannelHandlerContext ctx, FullHttpRequest request, HttpResponseStatus status,
                                String contentType, byte[] body, boolean keepAlive) {
        boolean head = request.method().equals(HttpMethod.HEAD);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_CACHE)
                .set("X-Content-Type-Options", "nosniff");
        if (keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(response, ctx.voidPromise());
        } else {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** A browser's idle keep-alive connection, or one that never finishes its request, is closed. */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            ctx.close();
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
