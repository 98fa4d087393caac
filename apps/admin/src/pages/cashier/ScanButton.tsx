import { CameraOutlined } from '@ant-design/icons';
import { Alert, Button, Modal } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** The browser's barcode reader (Chrome on Android and ChromeOS, Safari 17+); not in every browser. */
type Detector = { detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]> };
type DetectorClass = new (opts: { formats: string[] }) => Detector;
const detectorClass = (): DetectorClass | null =>
  (globalThis as { BarcodeDetector?: DetectorClass }).BarcodeDetector ?? null;

/**
 * Reads a QR code with the tablet's camera where the browser can (progressive: without a
 * BarcodeDetector the button is not shown and a USB/Bluetooth scanner or the keyboard is used).
 */
export function ScanButton(props: { title: string; onScan(text: string): void; testId: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  if (!detectorClass()) return null;
  return (
    <>
      <Button
        size="large"
        icon={<CameraOutlined />}
        aria-label={t('cashier.find.scan')}
        data-testid={props.testId}
        onClick={() => setOpen(true)}
        className="cashier-touch"
      />
      {open && (
        <CameraModal
          title={props.title}
          onClose={() => setOpen(false)}
          onScan={(text) => {
            setOpen(false);
            props.onScan(text);
          }}
        />
      )}
    </>
  );
}

function CameraModal(props: { title: string; onClose(): void; onScan(text: string): void }) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const [error, setError] = useState<string | null>(null);
  const onScan = useRef(props.onScan);
  useEffect(() => {
    onScan.current = props.onScan;
  });
  useEffect(() => {
    const Detector = detectorClass();
    if (!Detector) return;
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let live = true;
    const detector = new Detector({ formats: ['qr_code', 'code_128', 'ean_13'] });
    const tick = async () => {
      if (!live || !video.current) return;
      try {
        const [code] = await detector.detect(video.current);
        if (code?.rawValue && live) return onScan.current(code.rawValue);
      } catch {
        // a frame not ready yet: try the next one
      }
      timer = setTimeout(() => void tick(), 200);
    };
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'environment' } })
      .then(async (s) => {
        stream = s;
        if (!live || !video.current) return;
        video.current.srcObject = s;
        await video.current.play();
        void tick();
      })
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
    return () => {
      live = false;
      clearTimeout(timer);
      stream?.getTracks().forEach((tr) => tr.stop());
    };
  }, []);
  return (
    <Modal open title={props.title} footer={null} onCancel={props.onClose} destroyOnHidden>
      {error ? (
        <Alert type="error" showIcon title={t('cashier.find.cameraError', { message: error })} />
      ) : (
        <video ref={video} muted playsInline style={{ width: '100%', borderRadius: 8 }} />
      )}
    </Modal>
  );
}
