package io.nifidq.runtime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NiFiClusterTest {

    @TempDir
    Path home;

    @Test
    void overriddenKeysReplaceTheTemplatesLinesAndNewKeysAreAppended() {
        final ConfOverrides overrides = new ConfOverrides(Map.of("nifi.cluster.is.node", "true", "nifi.cluster.load.balance.port", "18211"),
                Map.of(), Map.of());

        final String properties = overrides.applyTo("# Not a cluster\nnifi.cluster.is.node=false\nnifi.web.http.port=18191\n");

        assertEquals("# Not a cluster\nnifi.cluster.is.node=true\nnifi.web.http.port=18191\n\n# Added for this node by nifi-dq\n"
                + "nifi.cluster.load.balance.port=18211\n", properties);
    }

    @Test
    void eachNodeHasItsOwnPortsAndOnlyTheFirstRunsZooKeeper() {
        final NiFiCluster cluster = NiFiCluster.onLoopback(home, home.resolve("lib"), 18191, "1g", 2, null);

        assertEquals(new NiFiCluster.NodePorts(18191, 18201, 18211), NiFiCluster.ports(18191, 1));
        assertEquals(new NiFiCluster.NodePorts(18192, 18202, 18212), NiFiCluster.ports(18191, 2));
        assertEquals(18221, cluster.zooKeeperPort());
        assertEquals(home.resolve("node-2").toAbsolutePath(), cluster.node(2).home());
        assertEquals(18192, cluster.node(2).port());

        final ConfOverrides first = NiFiCluster.nodeConfiguration(1, 2, NiFiCluster.ports(18191, 1), 18221, "key-of-the-cluster");
        final ConfOverrides second = NiFiCluster.nodeConfiguration(2, 2, NiFiCluster.ports(18191, 2), 18221, "key-of-the-cluster");
        assertEquals("true", first.properties().get("nifi.state.management.embedded.zookeeper.start"));
        assertEquals("false", second.properties().get("nifi.state.management.embedded.zookeeper.start"));
        assertEquals("127.0.0.1:18221", second.properties().get("nifi.zookeeper.connect.string"));
        assertEquals("2", second.properties().get("nifi.cluster.flow.election.max.candidates"));
        assertEquals("18212", second.properties().get("nifi.cluster.load.balance.port"));
        assertEquals("key-of-the-cluster", first.properties().get("nifi.sensitive.props.key"));
        assertTrue(first.files().get("zookeeper.properties").contains("clientPort=18221\nclientPortAddress=127.0.0.1"));
        assertFalse(second.files().containsKey("zookeeper.properties"));
        assertTrue(second.files().get("state-management.xml").contains("<property name=\"Connect String\">127.0.0.1:18221</property>"));
        assertFalse(second.files().get("state-management.xml").contains("${"), "every placeholder filled");
    }

    @Test
    void aClusterHasAtLeastTwoNodes() {
        assertThrows(IllegalArgumentException.class, () -> NiFiCluster.onLoopback(home, home, 18191, "1g", 1, null));
    }
}
