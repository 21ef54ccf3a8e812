#!/usr/bin/env pwsh
# PowerShell twin of build.sh: restore the pinned Cake tool, build (Release) when a
# source changed, then run the Cake script with the given arguments, e.g. ./build.ps1 --target Associate
$ErrorActionPreference = 'Stop'
Set-Location $PSScriptRoot
$root = $PSScriptRoot
$deps = Join-Path $root '.deps'
New-Item -ItemType Directory -Force -Path $deps | Out-Null
function Say($m) { Write-Host "[build.ps1] $m" }

if (-not (Get-Command dotnet -ErrorAction SilentlyContinue)) {
    Say 'the .NET 10 SDK is missing: https://learn.microsoft.com/dotnet/core/install/'
    exit 1
}
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'; $env:DOTNET_NOLOGO = '1'

$nuget = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path $HOME '.nuget/packages' }
if (-not (Test-Path (Join-Path $nuget 'cake.tool/7.0.0'))) { dotnet tool restore | Out-Null }

# Plotly.js's cartesian bundle for the run report, pinned and checked against the npm registry's dist.integrity (as build.sh does).
$plotlyPackage = 'plotly.js-cartesian-dist-min'
$plotlyVersion = '4.1.1'
$plotlySha512 = 'o8GrFeusncwBIxbBynRJpY4pkgVB6caM+JLpwrLYbbsO7dZ8FJ+SVN2Fr+L7kiG/Z6w4P5O0Jus/Qr5EefHVeg=='
$plotlyDir = Join-Path $deps "plotly/$plotlyPackage-$plotlyVersion"
if (-not (Test-Path (Join-Path $plotlyDir 'plotly.min.js'))) {
    Say "fetching $plotlyPackage $plotlyVersion from the npm registry"
    $tmp = Join-Path ([IO.Path]::GetTempPath()) ([Guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory -Force -Path $tmp | Out-Null
    $tgz = Join-Path $tmp 'plotly.tgz'
    Invoke-WebRequest -Uri "https://registry.npmjs.org/$plotlyPackage/-/$plotlyPackage-$plotlyVersion.tgz" -OutFile $tgz
    $sha = [Security.Cryptography.SHA512]::Create()
    $actual = [Convert]::ToBase64String($sha.ComputeHash([IO.File]::ReadAllBytes($tgz)))
    if ($actual -ne $plotlySha512) { Say "$plotlyPackage-$plotlyVersion.tgz: SHA-512 $actual, expected $plotlySha512; not using it"; exit 1 }
    tar -xzf $tgz -C $tmp package/plotly-cartesian.min.js package/LICENSE
    New-Item -ItemType Directory -Force -Path $plotlyDir | Out-Null
    Move-Item (Join-Path $tmp 'package/plotly-cartesian.min.js') (Join-Path $plotlyDir 'plotly.min.js')
    Move-Item (Join-Path $tmp 'package/LICENSE') $plotlyDir
    Remove-Item -Recurse -Force $tmp
}

$stamp = Join-Path $deps 'build.stamp'
$inputs = @('src', 'tests', 'bench', 'native') | ForEach-Object { Get-ChildItem -Recurse -File -Path $_ -ErrorAction SilentlyContinue } |
    Where-Object { $_.FullName -notmatch '[\\/](bin|obj|tools)[\\/]' -and $_.FullName -notmatch 'native[\\/]build[\\/]' }
$inputs += @('Directory.Build.props', 'Directory.Packages.props', 'Radiogenomics.slnx', 'global.json') | ForEach-Object { Get-Item $_ }
$stampTime = if (Test-Path $stamp) { (Get-Item $stamp).LastWriteTimeUtc } else { [DateTime]::MinValue }
if ($inputs | Where-Object { $_.LastWriteTimeUtc -gt $stampTime } | Select-Object -First 1) {
    if ($IsLinux -and (Test-Path 'native/build.sh')) { Say 'building the native libtorch bridge'; bash native/build.sh; if ($LASTEXITCODE) { exit $LASTEXITCODE } }
    Say 'building the solution (Release)'
    dotnet build Radiogenomics.slnx -c Release -nologo -clp:ErrorsOnly -v:quiet
    if ($LASTEXITCODE) { exit $LASTEXITCODE }
    if (Test-Path 'build/tools/cache') { Remove-Item -Recurse -Force 'build/tools/cache' }
    New-Item -ItemType File -Force -Path $stamp | Out-Null
}

$env:CAKE_SETTINGS_ENABLESCRIPTCACHE = 'true'
$lastReport = 'build/tools/last-report.txt'
if (Test-Path $lastReport) { Remove-Item -Force $lastReport } # never show a previous run's report
dotnet tool run dotnet-cake -- build/build.cake @args
$status = $LASTEXITCODE
# A run ends with the path of its HTML report, after Cake's task summary.
if (Test-Path $lastReport) {
    Write-Host ''
    Write-Host "report: $([IO.Path]::GetRelativePath((Get-Location).Path, (Get-Content $lastReport -Raw).Trim()))"
}
exit $status
