package dev.parley.relay.internal;

import dev.parley.protocol.Messages;
import dev.parley.protocol.MessageType;
import io.netty.buffer.ByteBuf;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

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
        for (Member m : members) newcomer.send(new Messages.Joined(m.id, m.name).toFrame());
        members.add(newcomer);
        for (Member m : members) m.send(new Messages.Joined(newcomer.id, newcomer.name).toFrame());
    }

    synchronized void leave(Member member, Messages.LeaveReason reason) {
        if (!members.remove(member)) return;
        for (Member m : members) m.send(new Messages.Left(member.id, reason, member.name).toFrame());
    }

    /**
     * Forwards one encoded frame to every member but its sender. Each receiver gets a retained duplicate of the
     * same buffer: the frame is encoded once, never copied per receiver. The caller keeps its own reference.
     */
    void fanOut(Member from, MessageType type, long streamKey, ByteBuf encoded) {
        for (Member m : members) {
            if (m != from) m.deliver(type, streamKey, encoded.retainedDuplicate());
        }
    }

    Member find(int id) {
        for (Member m : members) if (m.id == id) return m;
        return null;
    }
}
