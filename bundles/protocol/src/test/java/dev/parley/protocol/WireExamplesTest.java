package dev.parley.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Pins the exact bytes of the documented examples, so a change to the wire format cannot slip by unnoticed, and checks
 * that docs/PROTOCOL.md shows exactly these dumps.
 */
class WireExamplesTest {
    private static final HexFormat HEX = HexFormat.of();

    /** The bytes of {@link WireExamples#ALL}, in the same order. */
    private static final List<String> GOLDEN = List.of(
            "50520101000000000000000000000000000000000000000000000011010005616c69636500056c6f6262790000",
            "505201020000000000000000000000000000000000000000000000230000000200056c6f62627900800000000400107061726c65792d72656c61792f302e31",
            "50520103000000000000000000000000000000000000000000000014000500106e6f2048454c4c4f20696e2074696d65",
            "505201040000000000000001000000000000000000000000000000050003626f62",
            "50520105000000000000000100000000000000000000000000000006000003626f62",
            "5052011001040001000000000000002a0006379da05b6000000000046a706567ffd8ffd9",
            "5052011001040001000000020000002a0006379da05b6000000000046a706567ffd8ffd9",
            "505201110014000200000000000000070006379da05bae200000000870636d2d7331366c653b726174653d31363030300000ff7f00800100",
            "505201120000000000000000000000030006379da05bd5300000000668c3a96c6c6f",
            "5052012000000000000000000000000000000000000000000000000400000011",
            "505201210000000000000000000000000000000000000000000000080006379da05b563c",
            "505201220000000000000000000000000000000000000000000000180006379da05b563c0006379da05b612c0006379da05b615e",
            "50520123000000000000000000000000000000000000000000000006000471756974",
            "50520124000000000000000000000000000000000000000000000006000000020001",
            "50520124000000000000000100000000000000000000000000000006000000020001",
            "5052010600000000000000000000000000000000000000000000004200086172676f6e3269640001000003010010000102030405060708090a0b0c0d0e0f202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f",
            "5052010700000000000000000000000000000000000000000000002009ff38db20c83bcefcf8f4961f698fadb1195861a512aa81d6dd736343054045",
            "505201080000000000000000000000000000000000000000000000180300046a706567000970636d2d7331366c6500046f707573",
            "505201080000000000000002000000000000000000000000000000180300046a706567000970636d2d7331366c6500046f707573");

    @Test
    void everyExampleEncodesToItsPinnedBytes() {
        assertEquals(GOLDEN.size(), WireExamples.ALL.size());
        for (int i = 0; i < GOLDEN.size(); i++) {
            WireExamples.Example e = WireExamples.ALL.get(i);
            assertEquals(GOLDEN.get(i), HEX.formatHex(e.bytes()), e.title());
        }
    }

    @Test
    void theExamplesCoverEveryMessageType() {
        Set<MessageType> covered = EnumSet.noneOf(MessageType.class);
        for (WireExamples.Example e : WireExamples.ALL) {
            Frame f = e.frame().get();
            covered.add(f.type());
            f.release();
        }
        assertEquals(EnumSet.allOf(MessageType.class), covered);
    }

    @Test
    void theHelloExampleMatchesTheDocumentedLayoutFieldByField() {
        ByteBuffer b = ByteBuffer.allocate(28 + 17);
        b.put((byte) 'P').put((byte) 'R')   // magic
                .put((byte) 1)              // version
                .put((byte) 0x01)           // type HELLO
                .put((byte) 0)              // flags
                .put((byte) 0)              // codec length
                .putShort((short) 0)        // stream
                .putInt(0)                  // sender: unknown before WELCOME
                .putInt(0)                  // sequence
                .putLong(0)                 // timestamp
                .putInt(17);                // payload length
        b.put((byte) 1)                     // role CLIENT
                .putShort((short) 5).put("alice".getBytes(StandardCharsets.UTF_8))
                .putShort((short) 5).put("lobby".getBytes(StandardCharsets.UTF_8))
                .putShort((short) 0);       // no auth
        assertArrayEquals(b.array(), WireExamples.ALL.get(0).bytes());
    }

    @Test
    void theVideoExampleMatchesTheDocumentedLayoutFieldByField() {
        ByteBuffer b = ByteBuffer.allocate(28 + 4 + 4);
        b.putShort((short) 0x5052).put((byte) 1).put((byte) 0x10)
                .put((byte) 1)              // keyframe
                .put((byte) 4)              // "jpeg"
                .putShort((short) 1)        // stream 1
                .putInt(0)                  // sender: the relay fills it in
                .putInt(42)
                .putLong(1_750_000_000_000_000L)
                .putInt(4)
                .put("jpeg".getBytes(StandardCharsets.US_ASCII))
                .put(new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xd9});
        assertArrayEquals(b.array(), WireExamples.ALL.get(5).bytes());
    }

    @Test
    void theForwardedVideoDiffersFromTheSentOneOnlyInTheSenderField() {
        byte[] sent = WireExamples.ALL.get(5).bytes();
        byte[] forwarded = WireExamples.ALL.get(6).bytes();
        ByteBuffer.wrap(sent).putInt(Wire.SENDER_OFFSET, 2);
        assertArrayEquals(forwarded, sent);
    }

    /** Writes target/protocol-examples.md, from which the dumps in docs/PROTOCOL.md were pasted. */
    @Test
    void everyExampleIsWrittenOutAsADump() throws IOException {
        StringBuilder md = new StringBuilder();
        for (WireExamples.Example e : WireExamples.ALL) {
            md.append("### ").append(e.title()).append("\n\n```\n").append(TestWire.hexDump(e.bytes())).append("```\n\n");
        }
        Path out = Path.of(System.getProperty("basedir", "."), "target", "protocol-examples.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, md, StandardCharsets.UTF_8);
    }

    @Test
    void theProtocolDocumentShowsExactlyTheseDumps() throws IOException {
        Path doc = Path.of(System.getProperty("basedir", "."), "..", "..", "docs", "PROTOCOL.md").normalize();
        Assumptions.assumeTrue(Files.isRegularFile(doc), "docs/PROTOCOL.md not found beside this module");
        String text = Files.readString(doc, StandardCharsets.UTF_8);
        for (WireExamples.Example e : WireExamples.ALL) {
            String dump = TestWire.hexDump(e.bytes());
            assertTrue(text.contains("```\n" + dump + "```"), () -> "docs/PROTOCOL.md lacks the dump of " + e.title()
                    + " or shows it differently; expected:\n" + dump);
        }
    }
}
