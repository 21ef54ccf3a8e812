#!/usr/bin/env bash
# The plain CLI (rg run|plan|verify|report|dag|gc|describe|query|clean|validate); ./build.sh builds it first.
exec dotnet "$(cd "$(dirname "$0")" && pwd)/src/Radiogenomics.Cli/bin/Release/net10.0/rg.dll" "$@"
