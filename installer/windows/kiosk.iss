; Inno Setup 6 script for the village kiosk (村级代办 Kiosk) on Windows 10/11 (x64).
;
; Build on Windows after the PyInstaller bundle (pyinstaller installer\kiosk.spec):
;   iscc /DAppVersion=0.1.0 /DBundleDir=..\..\dist\kiosk installer\windows\kiosk.iss
; Silent install by a technician, with the station's provisioning file:
;   village-kiosk-setup-0.1.0.exe /SILENT /PROVISION=E:\station-330106109201.kprov
;   (/VERYSILENT hides the progress window too; /TASKS="autostart" turns on kiosk mode)
;
; The provisioning file is copied to C:\ProgramData\village-kiosk\provision\; the station is
; enrolled when the agent's account first runs `kiosk setup --from` (it asks for the file's
; passphrase once). Station data stays in each user's profile (%LOCALAPPDATA%\village-kiosk).
; Note: Python 3.11 and Qt 6 need Windows 10 1809 or newer; Windows 7 is not supported.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#ifndef BundleDir
  #define BundleDir "..\..\dist\kiosk"
#endif
#define AppName "村级代办 Kiosk"
#define AppExe "kioskw.exe"
#define CliExe "kiosk.exe"

[Setup]
AppId={{6B1C2F4E-8A57-4C0B-9E55-3D4A8F1E7C21}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Village Kiosk Project
VersionInfoVersion={#AppVersion}
VersionInfoProductName={#AppName}
DefaultDirName={autopf}\VillageKiosk
DefaultGroupName=村级代办
DisableProgramGroupPage=yes
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0.17763
OutputDir=..\..\dist
OutputBaseFilename=village-kiosk-setup-{#AppVersion}
UninstallDisplayIcon={app}\{#AppExe}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=no
CloseApplications=yes
RestartApplications=no
SetupLogging=yes

[Languages]
#if FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
Name: "zh"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#else
Name: "en"; MessagesFile: "compiler:Default.isl"
#endif

[CustomMessages]
DesktopIcon=在桌面创建快捷方式 / Desktop shortcut
AutostartKiosk=开机后自动启动居民自助终端（自助模式） / Start the self-service terminal at login
RunAfter=启动村级代办 / Start the app
ToolsPrompt=技术员命令行 / Technician command prompt
ProvisionMissing=找不到站点配置文件： / Provisioning file not found:

[Tasks]
Name: "desktopicon"; Description: "{cm:DesktopIcon}"; Flags: checkedonce
Name: "autostart"; Description: "{cm:AutostartKiosk}"; Flags: unchecked

[Dirs]
Name: "{commonappdata}\village-kiosk\provision"; Permissions: users-readexec

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\村级代办"; Filename: "{app}\{#AppExe}"; Parameters: "gui"; WorkingDir: "{app}"
Name: "{group}\村级代办（居民自助）"; Filename: "{app}\{#AppExe}"; Parameters: "gui --kiosk-mode"; WorkingDir: "{app}"
Name: "{group}\{cm:ToolsPrompt}"; Filename: "{cmd}"; Parameters: "/k ""cd /d ""{app}"" && {#CliExe} --help"""; WorkingDir: "{app}"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{commondesktop}\村级代办"; Filename: "{app}\{#AppExe}"; Parameters: "gui"; WorkingDir: "{app}"; Tasks: desktopicon
Name: "{commonstartup}\村级代办（居民自助）"; Filename: "{app}\{#AppExe}"; Parameters: "gui --kiosk-mode"; WorkingDir: "{app}"; Tasks: autostart

[Run]
Filename: "{app}\{#AppExe}"; Parameters: "gui"; Description: "{cm:RunAfter}"; Flags: nowait postinstall skipifsilent unchecked

[UninstallDelete]
Type: filesandordirs; Name: "{commonappdata}\village-kiosk\provision"

[Code]
{ /PROVISION=FILE: keep the station's provisioning file where `kiosk setup --from` finds it. }
function ProvisionTarget(): String;
begin
  Result := ExpandConstant('{commonappdata}\village-kiosk\provision\station.kprov');
end;

procedure CopyProvisioningFile();
var
  Source: String;
begin
  Source := ExpandConstant('{param:PROVISION|}');
  if Source = '' then
    exit;
  if not FileExists(Source) then
  begin
    Log('provisioning file not found: ' + Source);
    if not WizardSilent() then
      MsgBox(CustomMessage('ProvisionMissing') + #13#10 + Source, mbError, MB_OK);
    exit;
  end;
  ForceDirectories(ExtractFileDir(ProvisionTarget()));
  if FileCopy(Source, ProvisionTarget(), False) then
    Log('provisioning file copied to ' + ProvisionTarget())
  else
    Log('could not copy provisioning file to ' + ProvisionTarget());
end;

procedure CurStepChanged(CurStep: TSetupStep);
begin
  if CurStep = ssPostInstall then
    CopyProvisioningFile();
end;
