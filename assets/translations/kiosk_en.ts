<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_US">
<context>
    <name>FieldEditor</name>
    <message>
        <location filename="../../kiosk/ui/form_view.py" line="56" />
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/form_view.py" line="57" />
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/form_view.py" line="84" />
        <source>18位身份证号</source>
        <translation>18-character ID number</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/form_view.py" line="87" />
        <source>11位手机号码</source>
        <translation>11-digit mobile number</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../kiosk/ui/login.py" line="27" />
        <source>村级代办 · 登录</source>
        <translation>Village Proxy · Log in</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/login.py" line="29" />
        <source>村（社区）代办点</source>
        <translation>Village (community) proxy-service point</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/login.py" line="34" />
        <location filename="../../kiosk/ui/login.py" line="48" />
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/login.py" line="37" />
        <location filename="../../kiosk/ui/login.py" line="49" />
        <source>PIN 码</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/login.py" line="43" />
        <source>登录</source>
        <translation>Log in</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/login.py" line="59" />
        <source>正在验证…</source>
        <translation>Checking…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="259" />
        <source>村级代办 Kiosk</source>
        <translation>Village Proxy Kiosk</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="264" />
        <source>新建申请</source>
        <translation>New application</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="265" />
        <source>办件队列</source>
        <translation>Case queue</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="270" />
        <source>立即同步</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="274" />
        <source>操作</source>
        <translation>Actions</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="283" />
        <source>尚未同步</source>
        <translation>Not synced yet</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="296" />
        <source>已保存：</source>
        <translation>Saved: </translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="305" />
        <source>正在同步…</source>
        <translation>Syncing…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="316" />
        <source>另一个同步正在进行</source>
        <translation>Another sync is running</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="319" />
        <source>离线：{0}（待发送 {1} 件）</source>
        <translation>Offline: {0} ({1} waiting)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="323" />
        <source>已同步：新收件 {0}，状态更新 {1}，待发送 {2}</source>
        <translation>Synced: {0} new cases, {1} status updates, {2} waiting</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="332" />
        <source>同步失败</source>
        <translation>Sync failed</translation>
    </message>
</context>
<context>
    <name>NewApplicationPage</name>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="57" />
        <source>搜索事项：汉字、拼音或首字母</source>
        <translation>Search items: Chinese, pinyin or initials</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="58" />
        <source>搜索事项</source>
        <translation>Search items</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="62" />
        <source>事项列表</source>
        <translation>Service items</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="66" />
        <source>选择办理事项</source>
        <translation>Choose the service item</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="70" />
        <source>请先在左侧选择事项</source>
        <translation>Choose a service item on the left first</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="75" />
        <source>提交（Ctrl+Enter）</source>
        <translation>Submit (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="80" />
        <source>清空</source>
        <translation>Clear</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="142" />
        <source>正在保存…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="155" />
        <source>已保存，排队等待发送。本地受理号：</source>
        <translation>Saved and queued for sending. Local reference: </translation>
    </message>
</context>
<context>
    <name>PrintPreviewDialog</name>
    <message>
        <location filename="../../kiosk/ui/print_preview.py" line="77" />
        <location filename="../../kiosk/ui/print_preview.py" line="93" />
        <source>打印机</source>
        <translation>Printer</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/print_preview.py" line="81" />
        <location filename="../../kiosk/ui/print_preview.py" line="95" />
        <source>纸张</source>
        <translation>Paper</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/print_preview.py" line="83" />
        <source>A4 纸</source>
        <translation>A4 sheet</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/print_preview.py" line="84" />
        <source>80 毫米热敏纸</source>
        <translation>80 mm thermal roll</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/print_preview.py" line="85" />
        <source>58 毫米热敏纸</source>
        <translation>58 mm thermal roll</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/print_preview.py" line="109" />
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/print_preview.py" line="114" />
        <source>打印设置…</source>
        <translation>Printer settings…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/print_preview.py" line="116" />
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/print_preview.py" line="139" />
        <source>这台电脑上没有可用的打印机。请连接打印机并安装驱动。</source>
        <translation>No printer is installed on this computer. Connect a printer and install its driver.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/print_preview.py" line="154" />
        <source>正在重新排版…</source>
        <translation>Laying out again…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/print_preview.py" line="175" />
        <source>正在发送到打印机…</source>
        <translation>Sending to the printer…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/print_preview.py" line="193" />
        <source>已发送到打印机：</source>
        <translation>Sent to printer: </translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/print_preview.py" line="204" />
        <source> 文书仍在此窗口中，处理后可直接重新打印，或改选其他打印机。</source>
        <translation> The document is still here: fix the printer and print again, or choose another printer.</translation>
    </message>
</context>
<context>
    <name>QueuePage</name>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="188" />
        <source>打印回执</source>
        <translation>Print receipt</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="191" />
        <source>打印委托书</source>
        <translation>Print authorization</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="196" />
        <source>打印补正告知</source>
        <translation>Print supplement notice</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <location filename="../../kiosk/ui/app.py" line="72" />
        <source>无法启动</source>
        <translation>Cannot start</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/app.py" line="81" />
        <source>演示账号：{0}　PIN：{1}</source>
        <translation>Demo account: {0}　PIN: {1}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screenshots.py" line="67" />
        <source>演示账号：demo　PIN：123456</source>
        <translation>Demo account: demo　PIN: 123456</translation>
    </message>
</context>
</TS>