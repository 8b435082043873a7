; Inno Setup 6 script for Cicini Desktop (machine-wide install).
;
; Built by packaging/build.py on Windows, which passes the defines below:
;   ISCC.exe /DAppVersion=0.1.0 /DSourceDir=dist\cicini /DOutputDir=dist ^
;            /DIconFile=resources\icons\cicini.ico packaging\windows\cicini.iss
;
; Silent install by IT (see packaging/README.md):
;   cicini-desktop-0.1.0-setup.exe /VERYSILENT /SUPPRESSMSGBOXES /NORESTART ^
;       /CONFIG="\\fileserver\it\cicini\config.toml" /LOG="%TEMP%\cicini-setup.log"
;
; /CONFIG=FILE copies FILE to %PROGRAMDATA%\Cicini\config.toml (the machine-wide settings).
; An existing config.toml is replaced only when /CONFIG is given. Uninstalling removes the
; program only: the machine-wide settings and every user's data folder are kept.
;
; NOT BUILT OR TESTED ON LINUX: Inno Setup runs on Windows only (or under Wine).

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\cicini"
#endif
#ifndef OutputDir
  #define OutputDir "..\..\dist"
#endif
#ifndef IconFile
  #define IconFile "..\..\resources\icons\cicini.ico"
#endif

[Setup]
AppId={{8DE15940-89BD-4626-81D8-370A748C65DF}
AppName=Cicini Desktop
AppVersion={#AppVersion}
AppVerName=Cicini Desktop {#AppVersion}
AppPublisher=Cicini
DefaultDirName={autopf}\Cicini
DefaultGroupName=Cicini
DisableProgramGroupPage=yes
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir={#OutputDir}
OutputBaseFilename=cicini-desktop-{#AppVersion}-setup
SetupIconFile={#IconFile}
UninstallDisplayIcon={app}\cicini-desktop.exe
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ChangesEnvironment=yes
CloseApplications=yes
; An upgrade installs over the previous version in place; the database is migrated (after an
; automatic encrypted backup) the first time the new version opens it.
UsePreviousAppDir=yes

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
Source: "{#SourceDir}\config.toml.example"; DestDir: "{commonappdata}\Cicini"; Flags: ignoreversion

[Dirs]
; Readable by every account; only administrators may change machine-wide settings.
Name: "{commonappdata}\Cicini"

[Icons]
Name: "{autoprograms}\Cicini Desktop"; Filename: "{app}\cicini-desktop.exe"; WorkingDir: "{app}"
Name: "{autoprograms}\Cicini (IT command prompt)"; Filename: "{cmd}"; Parameters: "/k ""{app}\cicini.exe"" --help"; WorkingDir: "{app}"

[Registry]
; Put cicini.exe on the machine PATH so IT can run `cicini doctor` from any prompt.
Root: HKLM; Subkey: "SYSTEM\CurrentControlSet\Control\Session Manager\Environment"; \
    ValueType: expandsz; ValueName: "Path"; ValueData: "{olddata};{app}"; \
    Check: NeedsAddPath(ExpandConstant('{app}'))

[Run]
Filename: "{app}\cicini-desktop.exe"; Description: "Start Cicini Desktop"; \
    Flags: nowait postinstall skipifsilent

[Code]
function NeedsAddPath(Dir: string): Boolean;
var
  Current: string;
begin
  if not RegQueryStringValue(HKLM, 'SYSTEM\CurrentControlSet\Control\Session Manager\Environment',
      'Path', Current) then
  begin
    Result := True;
    exit;
  end;
  Result := Pos(';' + Uppercase(Dir) + ';', ';' + Uppercase(Current) + ';') = 0;
end;

function ConfigParam(): string;
begin
  Result := ExpandConstant('{param:CONFIG|}');
end;

function InitializeSetup(): Boolean;
begin
  Result := True;
  if (ConfigParam() <> '') and not FileExists(ConfigParam()) then
  begin
    // One sentence, also in the /LOG file; a silent install then exits with code 1.
    SuppressibleMsgBox('The configuration file given with /CONFIG does not exist: ' +
      ConfigParam() + '. Check the path and run the installer again.', mbError, MB_OK, IDOK);
    Result := False;
  end;
end;

procedure CurStepChanged(CurStep: TSetupStep);
var
  Target: string;
begin
  if (CurStep = ssPostInstall) and (ConfigParam() <> '') then
  begin
    Target := ExpandConstant('{commonappdata}\Cicini\config.toml');
    if not FileCopy(ConfigParam(), Target, False) then
      Log('Could not copy ' + ConfigParam() + ' to ' + Target)
    else
      Log('Machine-wide configuration installed at ' + Target);
  end;
end;
