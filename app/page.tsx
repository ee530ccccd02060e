export default function Home() {
  return <main><h1>Framescope</h1></main>;
}
