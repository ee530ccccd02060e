import type { Metadata } from "next";
import "./globals.css";
import { SyntheticBanner } from "./ui/synthetic-banner";

export const metadata: Metadata = {
  metadataBase: new URL(process.env.PUBLIC_URL ?? `http://localhost:${process.env.PORT ?? 3000}`),
  title: { default: "Framescope", template: "%s · Framescope" },
  description:
    "How news outlets frame the Russia–North Korea ties and Seoul's arms debate, side by side, with the evidence behind every number.",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>
        <SyntheticBanner />
        {children}
      </body>
    </html>
  );
}
