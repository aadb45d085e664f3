package dev.parley.relay.internal;

import dev.parley.protocol.Messages;
import dev.parley.protocol.MessageType;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;

/**
 * The members of one room. Joins and leaves are serialised so every member sees the same roster order; fan-out
 * reads the member list without locking.
 */
final class Room {
    private final String name;
    private final List<Member> members = new CopyOnWriteArrayList<>();

    Room(String name) {
        this.name = name;
    }

    String name() { return name; }

    List<Member> members() { return members; }

    /** Tells the newcomer who is here, then tells everyone (newcomer included) that it joined. */
    synchronized void join(Member newcomer) {
        for (Member m : members) {
            newcomer.send(new Messages.Joined(m.id, m.name).toFrame());
            Messages.Codecs c = m.codecs;
            if (c != null) newcomer.send(c.toFrame());
        }
        members.add(newcomer);
        for (Member m : members) m.send(new Messages.Joined(newcomer.id, newcomer.name).toFrame());
    }

    synchronized void leave(Member member, Messages.LeaveReason reason) {
        if (!members.remove(member)) return;
        for (Member m : members) m.send(new Messages.Left(member.id, reason, member.name).toFrame());
    }

    /**
     * Forwards one encoded frame to every member but its sender. Each receiver gets a retained duplicate of the
     * same buffer: the frame is encoded once, never copied per receiver. Receivers on the caller's event loop get it
     * at once; those on each other loop get it through one task per loop, not one per receiver. The caller keeps its
     * own reference.
     */
    void fanOut(Member from, MessageType type, long streamKey, ByteBuf encoded) {
        Map<EventLoop, List<Member>> elsewhere = null;
        for (Member m : members) {
            if (m == from || !m.wants(type)) continue;
            EventLoop loop = m.channel.eventLoop();
            if (loop.inEventLoop()) {
                m.offerHere(type, streamKey, encoded.retainedDuplicate());
            } else {
                if (elsewhere == null) elsewhere = new HashMap<>(4);
                elsewhere.computeIfAbsent(loop, k -> new ArrayList<>()).add(m);
            }
        }
        if (elsewhere == null) return;
        for (Map.Entry<EventLoop, List<Member>> e : elsewhere.entrySet()) {
            List<Member> receivers = e.getValue();
            ByteBuf shared = encoded.retain();
            try {
                e.getKey().execute(() -> {
                    try {
                        for (Member m : receivers) m.offerHere(type, streamKey, shared.retainedDuplicate());
                    } finally {
                        shared.release();
                    }
                });
            } catch (RejectedExecutionException shuttingDown) {
                shared.release();
            }
        }
    }

    /** Tells everyone but {@code from} what {@code from} decodes, and remembers it for newcomers. */
    void announce(Member from, java.util.List<String> codecs) {
        Messages.Codecs c = new Messages.Codecs(from.id, codecs);
        from.codecs = c;
        for (Member m : members) if (m != from && m.wants(MessageType.CODECS)) m.send(c.toFrame());
    }

    Member find(int id) {
        for (Member m : members) if (m.id == id) return m;
        return null;
    }
}
