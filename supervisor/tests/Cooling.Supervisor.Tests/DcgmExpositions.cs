namespace Cooling.Supervisor.Tests;

/// <summary>dcgm-exporter output as two builds write it (older: "Hostname", DCGM_FI_DEV_CLOCK_THROTTLE_REASONS; newer: "hostname", DCGM_FI_DEV_CLOCKS_EVENT_REASONS).</summary>
internal static class DcgmExpositions
{
    /// <summary>
    /// Tray node-a (older build, 4 × H100): GPU 2's memory temperature is not supported (sentinel), GPU 3 reports no
    /// power line, GPU 1 is power-capped (0x4), GPU 0 is idle (0x1, not throttling).
    /// </summary>
    public const string OlderBuild = """
        # HELP DCGM_FI_DEV_SM_CLOCK SM clock frequency (in MHz).
        # TYPE DCGM_FI_DEV_SM_CLOCK gauge
        DCGM_FI_DEV_SM_CLOCK{gpu="0",UUID="GPU-1b2c3d4e-0000-1111-2222-333344445550",pci_bus_id="00000000:18:00.0",device="nvidia0",modelName="NVIDIA H100 80GB HBM3",Hostname="node-a",DCGM_FI_DRIVER_VERSION="535.129.03"} 1980
        # HELP DCGM_FI_DEV_GPU_TEMP GPU temperature (in C).
        # TYPE DCGM_FI_DEV_GPU_TEMP gauge
        DCGM_FI_DEV_GPU_TEMP{gpu="0",UUID="GPU-1b2c3d4e-0000-1111-2222-333344445550",pci_bus_id="00000000:18:00.0",device="nvidia0",modelName="NVIDIA H100 80GB HBM3",Hostname="node-a",DCGM_FI_DRIVER_VERSION="535.129.03"} 41
        DCGM_FI_DEV_GPU_TEMP{gpu="1",UUID="GPU-1b2c3d4e-0000-1111-2222-333344445551",pci_bus_id="00000000:2A:00.0",device="nvidia1",modelName="NVIDIA H100 80GB HBM3",Hostname="node-a",DCGM_FI_DRIVER_VERSION="535.129.03"} 67
        DCGM_FI_DEV_GPU_TEMP{gpu="2",UUID="GPU-1b2c3d4e-0000-1111-2222-333344445552",pci_bus_id="00000000:3A:00.0",device="nvidia2",modelName="NVIDIA H100 80GB HBM3",Hostname="node-a",DCGM_FI_DRIVER_VERSION="535.129.03"} 58
        DCGM_FI_DEV_GPU_TEMP{gpu="3",UUID="GPU-1b2c3d4e-0000-1111-2222-333344445553",pci_bus_id="00000000:5D:00.0",device="nvidia3",modelName="NVIDIA H100 80GB HBM3",Hostname="node-a",DCGM_FI_DRIVER_VERSION="535.129.03"} 55
        # HELP DCGM_FI_DEV_MEMORY_TEMP Memory temperature (in C).
        # TYPE DCGM_FI_DEV_MEMORY_TEMP gauge
        DCGM_FI_DEV_MEMORY_TEMP{gpu="0",UUID="GPU-1b2c3d4e-0000-1111-2222-333344445550",pci_bus_id="00000000:18:00.0",device="nvidia0",modelName="NVIDIA H100 80GB HBM3",Hostname="node-a",DCGM_FI_DRIVER_VERSION="535.129.03"} 36
        DCGM_FI_DEV_MEMORY_TEMP{gpu="1",UUID="GPU-1b2c3d4e-0000-1111-2222-333344445551",pci_bus_id="00000000:2A:00.0",device="nvidia1",modelName="NVIDIA H100 80GB HBM3",Hostname="node-a",DCGM_FI_DRIVER_VERSION="535.129.03"} 71
        DCGM_FI_DEV_MEMORY_TEMP{gpu="2",UUID="GPU-1b2c3d4e-0000-1111-2222-333344445552",pci_bus_id="00000000:3A:00.0",device="nvidia2",modelName="NVIDIA H100 80GB HBM3",Hostname="node-a",DCGM_FI_DRIVER_VERSION="535.129.03"} 9223372036854775794
        DCGM_FI_DEV_MEMORY_TEMP{gpu="3",UUID="GPU-1b2c3d4e-0000-1111-2222-333344445553",pci_bus_id="00000000:5D:00.0",device="nvidia3",modelName="NVIDIA H100 80GB HBM3",Hostname="node-a",DCGM_FI_DRIVER_VERSION="535.129.03"} 49
        # HELP DCGM_FI_DEV_POWER_USAGE Power draw (in W).
        # TYPE DCGM_FI_DEV_POWER_USAGE gauge
        DCGM_FI_DEV_POWER_USAGE{gpu="0",UUID="GPU-1b2c3d4e-0000-1111-2222-333344445550",pci_bus_id="00000000:18:00.0",device="nvidia0",modelName="NVIDIA H100 80GB HBM3",Hostname="node-a",DCGM_FI_DRIVER_VERSION="535.129.03"} 71.422
        DCGM_FI_DEV_POWER_USAGE{gpu="1",UUID="GPU-1b2c3d4e-0000-1111-2222-333344445551",pci_bus_id="00000000:2A:00.0",device="nvidia1",modelName="NVIDIA H100 80GB HBM3",Hostname="node-a",DCGM_FI_DRIVER_VERSION="535.129.03"} 699.871
        DCGM_FI_DEV_POWER_USAGE{gpu="2",UUID="GPU-1b2c3d4e-0000-1111-2222-333344445552",pci_bus_id="00000000:3A:00.0",device="nvidia2",modelName="NVIDIA H100 80GB HBM3",Hostname="node-a",DCGM_FI_DRIVER_VERSION="535.129.03"} 512.5
        # HELP DCGM_FI_DEV_CLOCK_THROTTLE_REASONS Current clock throttle reasons.
        # TYPE DCGM_FI_DEV_CLOCK_THROTTLE_REASONS gauge
        DCGM_FI_DEV_CLOCK_THROTTLE_REASONS{gpu="0",UUID="GPU-1b2c3d4e-0000-1111-2222-333344445550",pci_bus_id="00000000:18:00.0",device="nvidia0",modelName="NVIDIA H100 80GB HBM3",Hostname="node-a",DCGM_FI_DRIVER_VERSION="535.129.03"} 1
        DCGM_FI_DEV_CLOCK_THROTTLE_REASONS{gpu="1",UUID="GPU-1b2c3d4e-0000-1111-2222-333344445551",pci_bus_id="00000000:2A:00.0",device="nvidia1",modelName="NVIDIA H100 80GB HBM3",Hostname="node-a",DCGM_FI_DRIVER_VERSION="535.129.03"} 4
        DCGM_FI_DEV_CLOCK_THROTTLE_REASONS{gpu="2",UUID="GPU-1b2c3d4e-0000-1111-2222-333344445552",pci_bus_id="00000000:3A:00.0",device="nvidia2",modelName="NVIDIA H100 80GB HBM3",Hostname="node-a",DCGM_FI_DRIVER_VERSION="535.129.03"} 0
        DCGM_FI_DEV_CLOCK_THROTTLE_REASONS{gpu="3",UUID="GPU-1b2c3d4e-0000-1111-2222-333344445553",pci_bus_id="00000000:5D:00.0",device="nvidia3",modelName="NVIDIA H100 80GB HBM3",Hostname="node-a",DCGM_FI_DRIVER_VERSION="535.129.03"} 0
        """;

    /// <summary>
    /// Tray node-b (newer build, 2 × B200, "hostname" label): GPU 1 is thermally slowed (0x40) and reports a
    /// not-supported power reading; node-c is not mapped to any rack.
    /// </summary>
    public const string NewerBuild = """
        # HELP DCGM_FI_DEV_GPU_TEMP GPU temperature (in C).
        # TYPE DCGM_FI_DEV_GPU_TEMP gauge
        DCGM_FI_DEV_GPU_TEMP{gpu="0",UUID="GPU-9a8b7c6d-aaaa-bbbb-cccc-ddddeeee0000",pci_bus_id="00000000:1B:00.0",device="nvidia0",modelName="NVIDIA B200",hostname="node-b",DCGM_FI_DRIVER_VERSION="570.124.06"} 62
        DCGM_FI_DEV_GPU_TEMP{gpu="1",UUID="GPU-9a8b7c6d-aaaa-bbbb-cccc-ddddeeee0001",pci_bus_id="00000000:43:00.0",device="nvidia1",modelName="NVIDIA B200",hostname="node-b",DCGM_FI_DRIVER_VERSION="570.124.06"} 84
        DCGM_FI_DEV_GPU_TEMP{gpu="0",UUID="GPU-5555aaaa-0000-0000-0000-000000000000",pci_bus_id="00000000:1B:00.0",device="nvidia0",modelName="NVIDIA B200",hostname="node-c",DCGM_FI_DRIVER_VERSION="570.124.06"} 50
        # HELP DCGM_FI_DEV_MEMORY_TEMP Memory temperature (in C).
        # TYPE DCGM_FI_DEV_MEMORY_TEMP gauge
        DCGM_FI_DEV_MEMORY_TEMP{gpu="0",UUID="GPU-9a8b7c6d-aaaa-bbbb-cccc-ddddeeee0000",pci_bus_id="00000000:1B:00.0",device="nvidia0",modelName="NVIDIA B200",hostname="node-b",DCGM_FI_DRIVER_VERSION="570.124.06"} 57
        DCGM_FI_DEV_MEMORY_TEMP{gpu="1",UUID="GPU-9a8b7c6d-aaaa-bbbb-cccc-ddddeeee0001",pci_bus_id="00000000:43:00.0",device="nvidia1",modelName="NVIDIA B200",hostname="node-b",DCGM_FI_DRIVER_VERSION="570.124.06"} 80
        # HELP DCGM_FI_DEV_POWER_USAGE Power draw (in W).
        # TYPE DCGM_FI_DEV_POWER_USAGE gauge
        DCGM_FI_DEV_POWER_USAGE{gpu="0",UUID="GPU-9a8b7c6d-aaaa-bbbb-cccc-ddddeeee0000",pci_bus_id="00000000:1B:00.0",device="nvidia0",modelName="NVIDIA B200",hostname="node-b",DCGM_FI_DRIVER_VERSION="570.124.06"} 998.25
        DCGM_FI_DEV_POWER_USAGE{gpu="1",UUID="GPU-9a8b7c6d-aaaa-bbbb-cccc-ddddeeee0001",pci_bus_id="00000000:43:00.0",device="nvidia1",modelName="NVIDIA B200",hostname="node-b",DCGM_FI_DRIVER_VERSION="570.124.06"} 9223372036854775792
        DCGM_FI_DEV_POWER_USAGE{gpu="0",UUID="GPU-5555aaaa-0000-0000-0000-000000000000",pci_bus_id="00000000:1B:00.0",device="nvidia0",modelName="NVIDIA B200",hostname="node-c",DCGM_FI_DRIVER_VERSION="570.124.06"} 400
        # HELP DCGM_FI_DEV_CLOCKS_EVENT_REASONS Current clock event reasons.
        # TYPE DCGM_FI_DEV_CLOCKS_EVENT_REASONS gauge
        DCGM_FI_DEV_CLOCKS_EVENT_REASONS{gpu="0",UUID="GPU-9a8b7c6d-aaaa-bbbb-cccc-ddddeeee0000",pci_bus_id="00000000:1B:00.0",device="nvidia0",modelName="NVIDIA B200",hostname="node-b",DCGM_FI_DRIVER_VERSION="570.124.06"} 0
        DCGM_FI_DEV_CLOCKS_EVENT_REASONS{gpu="1",UUID="GPU-9a8b7c6d-aaaa-bbbb-cccc-ddddeeee0001",pci_bus_id="00000000:43:00.0",device="nvidia1",modelName="NVIDIA B200",hostname="node-b",DCGM_FI_DRIVER_VERSION="570.124.06"} 64
        """;

    public static string Both => OlderBuild + "\n" + NewerBuild + "\n";
}
