// swift-tools-version:6.0
//
// migsim — a physics-informed simulator of migration between settlements.
//
// Dependency direction (one way only; each module's README says more):
//   migsim (CLI) → MigsimCLI → Pipeline → {DataIO, Forecasting, Reports, Identification, Explanation}
//   Explanation, Identification → PhysicsInformed → {Autodiff, MigrationModel}
//   MigrationModel → {Geodesy, ODE} → LinearAlgebra → CLinearAlgebra (OpenBLAS, LAPACKE)
//   MigsimCLI → FlowBalancing, GlobalOptimization → LinearAlgebra; MigsimCLI → DistributedSearch → {CMPI, GlobalOptimization}
//   Autodiff, Explanation, FlowBalancing, MigrationModel → CKernels (C kernels for AVX2); Pipeline → CFileSystem
import PackageDescription

let package = Package(
    name: "migsim",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "migsim", targets: ["migsim"]),
        .library(name: "MigsimCore", targets: [
            "LinearAlgebra", "Geodesy", "ODE", "MigrationModel", "DataIO",
            "FlowBalancing", "GlobalOptimization", "Autodiff", "PhysicsInformed", "Explanation", "Reports", "Identification",
            "Forecasting", "Pipeline",
        ]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
    ],
    targets: [
        .systemLibrary(name: "CLinearAlgebra", path: "Sources/CLinearAlgebra"),
        .systemLibrary(name: "CMPI", path: "Sources/CMPI", pkgConfig: "ompi",
                       providers: [.apt(["libopenmpi-dev"])]),
        .target(name: "DistributedSearch", dependencies: ["CMPI", "GlobalOptimization"], exclude: ["README.md"]),
        .target(name: "LinearAlgebra", dependencies: ["CLinearAlgebra"], exclude: ["README.md"]),
        .target(name: "Geodesy", dependencies: ["LinearAlgebra"], exclude: ["README.md"]),
        .target(name: "ODE", dependencies: ["LinearAlgebra"], exclude: ["README.md"]),
        .target(name: "MigrationModel", dependencies: ["LinearAlgebra", "Geodesy", "ODE", "CKernels"], exclude: ["README.md"]),
        .target(name: "FlowBalancing", dependencies: ["LinearAlgebra", "CKernels"], exclude: ["README.md"]),
        .target(name: "GlobalOptimization", dependencies: ["LinearAlgebra"], exclude: ["README.md"]),
        .target(name: "CKernels", exclude: ["README.md"]),
        .target(name: "Autodiff", dependencies: ["LinearAlgebra", "CLinearAlgebra", "CKernels"], exclude: ["README.md"]),
        .target(name: "PhysicsInformed", dependencies: ["Autodiff", "MigrationModel", "Geodesy", "ODE", "LinearAlgebra"], exclude: ["README.md"]),
        .target(name: "Explanation", dependencies: ["LinearAlgebra", "Autodiff", "ODE", "MigrationModel", "PhysicsInformed", "CKernels"], exclude: ["README.md"]),
        .target(name: "Reports", dependencies: [], exclude: ["README.md"]),
        .target(name: "CFileSystem", exclude: ["README.md"]),
        .target(name: "Forecasting", dependencies: [], exclude: ["README.md"]),
        .target(name: "Identification", dependencies: ["MigrationModel", "PhysicsInformed", "GlobalOptimization", "ODE", "LinearAlgebra", "Geodesy"], exclude: ["README.md"]),
        .target(name: "DataIO", dependencies: [
            "MigrationModel",
            .product(name: "Yams", package: "Yams"),
            .product(name: "CSV", package: "CSV.swift"),
        ], exclude: ["README.md"]),
        .target(name: "Pipeline", dependencies: [
            "DataIO", "MigrationModel", "Geodesy", "ODE", "Autodiff", "PhysicsInformed", "Explanation", "LinearAlgebra",
            "Forecasting", "Reports", "Identification", "GlobalOptimization", "CFileSystem",
        ], exclude: ["README.md"]),
        .target(name: "MigsimCLI", dependencies: [
            "Pipeline",
            "DataIO", "MigrationModel", "Geodesy", "ODE", "FlowBalancing", "GlobalOptimization", "Autodiff", "PhysicsInformed",
            "Explanation", "Reports", "Identification", "DistributedSearch",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Yams", package: "Yams"),
        ], exclude: ["README.md"]),
        .executableTarget(name: "migsim", dependencies: ["MigsimCLI", "LinearAlgebra"]),
        .executableTarget(name: "migsim-bench", dependencies: [
            "MigrationModel", "Geodesy", "ODE", "DataIO", "LinearAlgebra", "FlowBalancing", "Autodiff", "PhysicsInformed",
            "Explanation", "GlobalOptimization", "Identification",
        ]),

        .testTarget(name: "LinearAlgebraTests", dependencies: ["LinearAlgebra"]),
        .testTarget(name: "GeodesyTests", dependencies: ["Geodesy", "DataIO"], resources: [.copy("Fixtures")]),
        .testTarget(name: "ODETests", dependencies: ["ODE", "LinearAlgebra"]),
        .testTarget(name: "MigrationModelTests", dependencies: ["MigrationModel", "ODE", "LinearAlgebra", "CKernels"]),
        .testTarget(name: "DataIOTests", dependencies: ["DataIO"]),
        .testTarget(name: "FlowBalancingTests", dependencies: ["FlowBalancing", "DataIO", "CKernels"]),
        .testTarget(name: "GlobalOptimizationTests", dependencies: ["GlobalOptimization", "DataIO"]),
        .testTarget(name: "DistributedSearchTests", dependencies: ["DistributedSearch", "GlobalOptimization"]),
        .testTarget(name: "AutodiffTests", dependencies: ["Autodiff"]),
        .testTarget(name: "PhysicsInformedTests", dependencies: ["PhysicsInformed", "Autodiff", "MigrationModel", "Geodesy", "LinearAlgebra"]),
        .testTarget(name: "ExplanationTests", dependencies: ["Explanation", "LinearAlgebra", "Autodiff", "MigrationModel"]),
        .testTarget(name: "ForecastingTests", dependencies: ["Forecasting"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports"], resources: [.copy("Fixtures")]),
        .testTarget(name: "IdentificationTests", dependencies: ["Identification", "MigrationModel", "GlobalOptimization", "LinearAlgebra", "Geodesy"]),
        .testTarget(name: "PipelineTests", dependencies: ["Pipeline", "Forecasting", "PhysicsInformed", "MigrationModel", "DataIO"]),
        .testTarget(name: "MigsimCLITests", dependencies: ["MigsimCLI", "Pipeline", "DataIO", "PhysicsInformed", "Identification", "Explanation"]),
    ]
)
